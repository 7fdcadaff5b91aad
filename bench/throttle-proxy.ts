import net, { type AddressInfo, type Socket } from 'node:net';
import { performance } from 'node:perf_hooks';

/**
 * A TCP proxy on 127.0.0.1 that makes a loopback registry look like one across a WAN: each
 * direction of each connection passes a token bucket (the link's rate) and then a delay line
 * (the one-way latency). Data is delayed, not serialised behind the delay: many chunks are
 * in flight on the line at once, as on a real link, so a connection's throughput is bounded
 * by the rate, not by round trips. A new connection pays one round trip before its first
 * byte arrives, as a TCP handshake does. It is TCP-level: HTTP passes untouched, and the
 * registry sees the proxy's address in `Host`, so its absolute `Location`s point back here.
 */
export interface ThrottleOptions {
  /** One-way delay per direction; the round trip is twice this. */
  delayMs: number;
  /** Per connection, per direction. */
  bytesPerSecond: number;
}

export interface ThrottleProxy {
  host: string;
  connections: number;
  /** Bytes that passed, client to registry and back, over all connections. */
  bytesUp: number;
  bytesDown: number;
  close(): Promise<void>;
}

export async function startThrottleProxy(
  upstreamHost: string,
  options: ThrottleOptions,
): Promise<ThrottleProxy> {
  const colon = upstreamHost.lastIndexOf(':');
  const upstream = {
    host: upstreamHost.slice(0, colon),
    port: Number(upstreamHost.slice(colon + 1)),
  };
  const sockets = new Set<Socket>();
  const stats = { connections: 0, bytesUp: 0, bytesDown: 0 };

  const server = net.createServer({ allowHalfOpen: true, noDelay: true }, (client) => {
    stats.connections++;
    const registry = net.connect({ ...upstream, allowHalfOpen: true, noDelay: true });
    sockets.add(client).add(registry);
    const accepted = performance.now();
    const up = new Link(client, registry, options, accepted + 2 * options.delayMs);
    const down = new Link(registry, client, options, accepted);
    up.onBytes = (n) => (stats.bytesUp += n);
    down.onBytes = (n) => (stats.bytesDown += n);
    const teardown = (): void => {
      up.stop();
      down.stop();
      client.destroy();
      registry.destroy();
    };
    for (const socket of [client, registry]) {
      // A reset or a failure ends the connection at once; a clean close (FIN) travels
      // through the links like data, and each link ends its sink once its line is empty.
      socket.once('error', teardown);
      socket.once('close', (hadError) => {
        sockets.delete(socket);
        if (hadError) teardown();
      });
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    host: `127.0.0.1:${port}`,
    get connections() {
      return stats.connections;
    },
    get bytesUp() {
      return stats.bytesUp;
    },
    get bytesDown() {
      return stats.bytesDown;
    },
    close: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      await closed;
    },
  };
}

/**
 * One direction of one connection: source → the link's rate → delay line → sink. The rate is
 * kept on a virtual clock (a token bucket one chunk deep): each byte leaves at the time the
 * link would have sent it, so a late timer (a busy machine) delays bytes a little but never
 * loses the link's capacity, and an idle link earns no burst.
 */
class Link {
  onBytes: (bytes: number) => void = () => undefined;
  private readonly queue: { arrived: number; data: Buffer }[] = [];
  private queued = 0;
  private readonly line: { due: number; data: Buffer }[] = [];
  /** When the link has sent everything released so far (virtual time, ms). */
  private free = 0;
  private readonly bytesPerMs: number;
  /**
   * What the bottleneck queues before it pushes back on the sender: one bandwidth-delay
   * product, as a router's buffer is sized. Smaller, and a busy event loop lets it run dry.
   */
  private readonly queueLimit: number;
  private ended = false;
  private stopped = false;
  private rateTimer: NodeJS.Timeout | undefined;
  private lineTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly source: Socket,
    private readonly sink: Socket,
    private readonly options: ThrottleOptions,
    /** Nothing is sent before this (the handshake's round trip). */
    private readonly startAt: number,
  ) {
    this.bytesPerMs = options.bytesPerSecond / 1000;
    this.queueLimit = Math.max(256 * 1024, 2 * options.delayMs * this.bytesPerMs);
    source.on('data', (data: Buffer) => {
      this.queue.push({ arrived: performance.now(), data });
      this.queued += data.length;
      this.pump();
    });
    source.once('end', () => {
      this.ended = true;
      this.pump();
    });
    sink.on('drain', () => this.pump());
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.rateTimer);
    clearTimeout(this.lineTimer);
  }

  /** Moves what the link has sent by now onto the line; pushes back on the source when full. */
  private pump(): void {
    if (this.stopped) return;
    const now = performance.now();
    while (this.queue.length > 0) {
      const head = this.queue[0] as { arrived: number; data: Buffer };
      const begin = Math.max(head.arrived, this.free, this.startAt);
      const take = Math.min(head.data.length, Math.floor((now - begin) * this.bytesPerMs));
      if (take <= 0) break;
      this.free = begin + take / this.bytesPerMs;
      this.line.push({ due: this.free + this.options.delayMs, data: head.data.subarray(0, take) });
      if (take === head.data.length) this.queue.shift();
      else head.data = head.data.subarray(take);
      this.queued -= take;
    }
    const backlog = this.queued + this.sink.writableLength;
    if (backlog > this.queueLimit) this.source.pause();
    else if (this.source.isPaused()) this.source.resume();
    const head = this.queue[0];
    if (head && this.rateTimer === undefined) {
      // Wake when a useful piece has been sent: 64 KiB, 2.5 ms at 25 MiB/s, keeps timers and
      // writes few enough for the proxy to stay cheap, and fine next to a 20 ms delay.
      const begin = Math.max(head.arrived, this.free, this.startAt);
      const next = begin + Math.min(head.data.length, 64 * 1024) / this.bytesPerMs;
      this.rateTimer = setTimeout(
        () => {
          this.rateTimer = undefined;
          this.pump();
        },
        Math.max(1, next - now),
      );
    }
    this.scheduleLine();
  }

  private scheduleLine(): void {
    if (this.lineTimer !== undefined || this.stopped) return;
    const head = this.line[0];
    if (!head) {
      if (this.ended && this.queue.length === 0 && !this.sink.writableEnded) this.sink.end();
      return;
    }
    this.lineTimer = setTimeout(
      () => {
        this.lineTimer = undefined;
        const now = performance.now();
        // Corked, so what is due goes out in one writev.
        this.sink.cork();
        while (this.line.length > 0 && (this.line[0]?.due ?? Infinity) <= now + 0.5) {
          const { data } = this.line.shift() as { data: Buffer };
          this.onBytes(data.length);
          if (!this.sink.destroyed) this.sink.write(data);
        }
        this.sink.uncork();
        this.pump();
      },
      Math.max(0, head.due - performance.now()),
    );
  }
}
