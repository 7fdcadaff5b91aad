export const id = 659;
export const ids = [659];
export const modules = {

/***/ 61659:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  ContainerRegistryClient: () => (/* reexport */ ContainerRegistryClient)
});

// UNUSED EXPORTS: ContainerRegistryContentClient, DigestMismatchError, KnownArtifactArchitecture, KnownArtifactOperatingSystem, KnownContainerRegistryAudience, KnownManifestMediaType

// NAMESPACE OBJECT: ./node_modules/@azure/container-registry/dist/esm/generated/models/mappers.js
var mappers_namespaceObject = {};
__webpack_require__.r(mappers_namespaceObject);
__webpack_require__.d(mappers_namespaceObject, {
  AcrAccessToken: () => (AcrAccessToken),
  AcrErrorInfo: () => (AcrErrorInfo),
  AcrErrors: () => (AcrErrors),
  AcrManifests: () => (AcrManifests),
  AcrRefreshToken: () => (AcrRefreshToken),
  Annotations: () => (Annotations),
  ArtifactManifestPlatform: () => (ArtifactManifestPlatform),
  ArtifactManifestProperties: () => (ArtifactManifestProperties),
  ArtifactTagProperties: () => (ArtifactTagProperties),
  ContainerRegistryBlobCheckBlobExistsHeaders: () => (ContainerRegistryBlobCheckBlobExistsHeaders),
  ContainerRegistryBlobCheckChunkExistsHeaders: () => (ContainerRegistryBlobCheckChunkExistsHeaders),
  ContainerRegistryBlobCompleteUploadHeaders: () => (ContainerRegistryBlobCompleteUploadHeaders),
  ContainerRegistryBlobDeleteBlobHeaders: () => (ContainerRegistryBlobDeleteBlobHeaders),
  ContainerRegistryBlobGetBlobHeaders: () => (ContainerRegistryBlobGetBlobHeaders),
  ContainerRegistryBlobGetChunkHeaders: () => (ContainerRegistryBlobGetChunkHeaders),
  ContainerRegistryBlobGetUploadStatusHeaders: () => (ContainerRegistryBlobGetUploadStatusHeaders),
  ContainerRegistryBlobMountBlobHeaders: () => (ContainerRegistryBlobMountBlobHeaders),
  ContainerRegistryBlobStartUploadHeaders: () => (ContainerRegistryBlobStartUploadHeaders),
  ContainerRegistryBlobUploadChunkHeaders: () => (ContainerRegistryBlobUploadChunkHeaders),
  ContainerRegistryCreateManifestHeaders: () => (ContainerRegistryCreateManifestHeaders),
  ContainerRegistryGetManifestHeaders: () => (ContainerRegistryGetManifestHeaders),
  ContainerRegistryGetManifestsHeaders: () => (ContainerRegistryGetManifestsHeaders),
  ContainerRegistryGetManifestsNextHeaders: () => (ContainerRegistryGetManifestsNextHeaders),
  ContainerRegistryGetRepositoriesHeaders: () => (ContainerRegistryGetRepositoriesHeaders),
  ContainerRegistryGetRepositoriesNextHeaders: () => (ContainerRegistryGetRepositoriesNextHeaders),
  ContainerRegistryGetTagsHeaders: () => (ContainerRegistryGetTagsHeaders),
  ContainerRegistryGetTagsNextHeaders: () => (ContainerRegistryGetTagsNextHeaders),
  ContainerRepositoryProperties: () => (ContainerRepositoryProperties),
  DeleteRepositoryResult: () => (DeleteRepositoryResult),
  Descriptor: () => (Descriptor),
  FsLayer: () => (FsLayer),
  History: () => (History),
  ImageSignature: () => (ImageSignature),
  JWKHeader: () => (JWKHeader),
  Jwk: () => (Jwk),
  Manifest: () => (Manifest),
  ManifestAttributesBase: () => (ManifestAttributesBase),
  ManifestAttributesManifest: () => (ManifestAttributesManifest),
  ManifestList: () => (ManifestList),
  ManifestListAttributes: () => (ManifestListAttributes),
  ManifestWrapper: () => (ManifestWrapper),
  ManifestWriteableProperties: () => (ManifestWriteableProperties),
  OCIIndex: () => (OCIIndex),
  OCIManifest: () => (OCIManifest),
  Paths108HwamOauth2ExchangePostRequestbodyContentApplicationXWwwFormUrlencodedSchema: () => (Paths108HwamOauth2ExchangePostRequestbodyContentApplicationXWwwFormUrlencodedSchema),
  PathsV3R3RxOauth2TokenPostRequestbodyContentApplicationXWwwFormUrlencodedSchema: () => (PathsV3R3RxOauth2TokenPostRequestbodyContentApplicationXWwwFormUrlencodedSchema),
  Platform: () => (Platform),
  Repositories: () => (Repositories),
  RepositoryTags: () => (RepositoryTags),
  RepositoryWriteableProperties: () => (RepositoryWriteableProperties),
  TagAttributesBase: () => (TagAttributesBase),
  TagAttributesTag: () => (TagAttributesTag),
  TagList: () => (TagList),
  TagWriteableProperties: () => (TagWriteableProperties),
  V1Manifest: () => (V1Manifest),
  V2Manifest: () => (V2Manifest)
});

// EXTERNAL MODULE: ./node_modules/@azure/core-util/dist/esm/index.js + 3 modules
var esm = __webpack_require__(16966);
;// CONCATENATED MODULE: ./node_modules/@azure/core-auth/dist/esm/keyCredential.js
// Copyright (c) Microsoft Corporation.
// Licensed under the MIT License.

/**
 * Tests an object to determine whether it implements KeyCredential.
 *
 * @param credential - The assumed KeyCredential to be tested.
 */
function isKeyCredential(credential) {
    return isObjectWithProperties(credential, ["key"]) && typeof credential.key === "string";
}
//# sourceMappingURL=keyCredential.js.map
;// CONCATENATED MODULE: ./node_modules/@azure/core-auth/dist/esm/azureNamedKeyCredential.js
// Copyright (c) Microsoft Corporation.
// Licensed under the MIT License.

/**
 * A static name/key-based credential that supports updating
 * the underlying name and key values.
 */
class AzureNamedKeyCredential {
    _key;
    _name;
    /**
     * The value of the key to be used in authentication.
     */
    get key() {
        return this._key;
    }
    /**
     * The value of the name to be used in authentication.
     */
    get name() {
        return this._name;
    }
    /**
     * Create an instance of an AzureNamedKeyCredential for use
     * with a service client.
     *
     * @param name - The initial value of the name to use in authentication.
     * @param key - The initial value of the key to use in authentication.
     */
    constructor(name, key) {
        if (!name || !key) {
            throw new TypeError("name and key must be non-empty strings");
        }
        this._name = name;
        this._key = key;
    }
    /**
     * Change the value of the key.
     *
     * Updates will take effect upon the next request after
     * updating the key value.
     *
     * @param newName - The new name value to be used.
     * @param newKey - The new key value to be used.
     */
    update(newName, newKey) {
        if (!newName || !newKey) {
            throw new TypeError("newName and newKey must be non-empty strings");
        }
        this._name = newName;
        this._key = newKey;
    }
}
/**
 * Tests an object to determine whether it implements NamedKeyCredential.
 *
 * @param credential - The assumed NamedKeyCredential to be tested.
 */
function isNamedKeyCredential(credential) {
    return (isObjectWithProperties(credential, ["name", "key"]) &&
        typeof credential.key === "string" &&
        typeof credential.name === "string");
}
//# sourceMappingURL=azureNamedKeyCredential.js.map
;// CONCATENATED MODULE: ./node_modules/@azure/core-auth/dist/esm/azureSASCredential.js
// Copyright (c) Microsoft Corporation.
// Licensed under the MIT License.

/**
 * A static-signature-based credential that supports updating
 * the underlying signature value.
 */
class AzureSASCredential {
    _signature;
    /**
     * The value of the shared access signature to be used in authentication
     */
    get signature() {
        return this._signature;
    }
    /**
     * Create an instance of an AzureSASCredential for use
     * with a service client.
     *
     * @param signature - The initial value of the shared access signature to use in authentication
     */
    constructor(signature) {
        if (!signature) {
            throw new Error("shared access signature must be a non-empty string");
        }
        this._signature = signature;
    }
    /**
     * Change the value of the signature.
     *
     * Updates will take effect upon the next request after
     * updating the signature value.
     *
     * @param newSignature - The new shared access signature value to be used
     */
    update(newSignature) {
        if (!newSignature) {
            throw new Error("shared access signature must be a non-empty string");
        }
        this._signature = newSignature;
    }
}
/**
 * Tests an object to determine whether it implements SASCredential.
 *
 * @param credential - The assumed SASCredential to be tested.
 */
function isSASCredential(credential) {
    return (isObjectWithProperties(credential, ["signature"]) && typeof credential.signature === "string");
}
//# sourceMappingURL=azureSASCredential.js.map
;// CONCATENATED MODULE: ./node_modules/@azure/core-auth/dist/esm/tokenCredential.js
// Copyright (c) Microsoft Corporation.
// Licensed under the MIT License.
/**
 * Tests an object to determine whether it implements TokenCredential.
 *
 * @param credential - The assumed TokenCredential to be tested.
 */
function isTokenCredential(credential) {
    // Check for an object with a 'getToken' function and possibly with
    // a 'signRequest' function.  We do this check to make sure that
    // a ServiceClientCredentials implementor (like TokenClientCredentials
    // in ms-rest-nodeauth) doesn't get mistaken for a TokenCredential if
    // it doesn't actually implement TokenCredential also.
    const castCredential = credential;
    return (castCredential &&
        typeof castCredential.getToken === "function" &&
        (castCredential.signRequest === undefined || castCredential.getToken.length > 0));
}
//# sourceMappingURL=tokenCredential.js.map
;// CONCATENATED MODULE: ./node_modules/@azure/core-auth/dist/esm/index.js





//# sourceMappingURL=index.js.map
// EXTERNAL MODULE: ./node_modules/@azure/core-rest-pipeline/dist/esm/index.js + 83 modules
var dist_esm = __webpack_require__(47881);
// EXTERNAL MODULE: ./node_modules/@azure/logger/dist/esm/index.js + 1 modules
var logger_dist_esm = __webpack_require__(7567);
;// CONCATENATED MODULE: ./node_modules/@azure/container-registry/dist/esm/logger.js

const logger_logger = (0,logger_dist_esm/* createClientLogger */.KV)("container-registry");


;// CONCATENATED MODULE: ./node_modules/@azure/container-registry/dist/esm/generated/models/index.js
var KnownApiVersion20210701 = /* @__PURE__ */ ((KnownApiVersion202107012) => {
  KnownApiVersion202107012["TwoThousandTwentyOne0701"] = "2021-07-01";
  return KnownApiVersion202107012;
})(KnownApiVersion20210701 || {});
var KnownArtifactArchitecture = /* @__PURE__ */ ((KnownArtifactArchitecture2) => {
  KnownArtifactArchitecture2["I386"] = "386";
  KnownArtifactArchitecture2["Amd64"] = "amd64";
  KnownArtifactArchitecture2["Arm"] = "arm";
  KnownArtifactArchitecture2["Arm64"] = "arm64";
  KnownArtifactArchitecture2["Mips"] = "mips";
  KnownArtifactArchitecture2["MipsLe"] = "mipsle";
  KnownArtifactArchitecture2["Mips64"] = "mips64";
  KnownArtifactArchitecture2["Mips64Le"] = "mips64le";
  KnownArtifactArchitecture2["Ppc64"] = "ppc64";
  KnownArtifactArchitecture2["Ppc64Le"] = "ppc64le";
  KnownArtifactArchitecture2["RiscV64"] = "riscv64";
  KnownArtifactArchitecture2["S390X"] = "s390x";
  KnownArtifactArchitecture2["Wasm"] = "wasm";
  return KnownArtifactArchitecture2;
})(KnownArtifactArchitecture || {});
var KnownArtifactOperatingSystem = /* @__PURE__ */ ((KnownArtifactOperatingSystem2) => {
  KnownArtifactOperatingSystem2["Aix"] = "aix";
  KnownArtifactOperatingSystem2["Android"] = "android";
  KnownArtifactOperatingSystem2["Darwin"] = "darwin";
  KnownArtifactOperatingSystem2["Dragonfly"] = "dragonfly";
  KnownArtifactOperatingSystem2["FreeBsd"] = "freebsd";
  KnownArtifactOperatingSystem2["Illumos"] = "illumos";
  KnownArtifactOperatingSystem2["IOS"] = "ios";
  KnownArtifactOperatingSystem2["JS"] = "js";
  KnownArtifactOperatingSystem2["Linux"] = "linux";
  KnownArtifactOperatingSystem2["NetBsd"] = "netbsd";
  KnownArtifactOperatingSystem2["OpenBsd"] = "openbsd";
  KnownArtifactOperatingSystem2["Plan9"] = "plan9";
  KnownArtifactOperatingSystem2["Solaris"] = "solaris";
  KnownArtifactOperatingSystem2["Windows"] = "windows";
  return KnownArtifactOperatingSystem2;
})(KnownArtifactOperatingSystem || {});
var KnownPostContentSchemaGrantType = /* @__PURE__ */ ((KnownPostContentSchemaGrantType2) => {
  KnownPostContentSchemaGrantType2["AccessTokenRefreshToken"] = "access_token_refresh_token";
  KnownPostContentSchemaGrantType2["AccessToken"] = "access_token";
  KnownPostContentSchemaGrantType2["RefreshToken"] = "refresh_token";
  return KnownPostContentSchemaGrantType2;
})(KnownPostContentSchemaGrantType || {});


// EXTERNAL MODULE: ./node_modules/@azure/core-client/dist/esm/index.js + 16 modules
var core_client_dist_esm = __webpack_require__(95738);
;// CONCATENATED MODULE: ./node_modules/@azure/container-registry/dist/esm/generated/models/mappers.js
const AcrErrors = {
  type: {
    name: "Composite",
    className: "AcrErrors",
    modelProperties: {
      errors: {
        serializedName: "errors",
        type: {
          name: "Sequence",
          element: {
            type: {
              name: "Composite",
              className: "AcrErrorInfo"
            }
          }
        }
      }
    }
  }
};
const AcrErrorInfo = {
  type: {
    name: "Composite",
    className: "AcrErrorInfo",
    modelProperties: {
      code: {
        serializedName: "code",
        type: {
          name: "String"
        }
      },
      message: {
        serializedName: "message",
        type: {
          name: "String"
        }
      },
      detail: {
        serializedName: "detail",
        type: {
          name: "Dictionary",
          value: { type: { name: "any" } }
        }
      }
    }
  }
};
const Repositories = {
  type: {
    name: "Composite",
    className: "Repositories",
    modelProperties: {
      repositories: {
        serializedName: "repositories",
        type: {
          name: "Sequence",
          element: {
            type: {
              name: "String"
            }
          }
        }
      },
      link: {
        serializedName: "link",
        type: {
          name: "String"
        }
      }
    }
  }
};
const ContainerRepositoryProperties = {
  type: {
    name: "Composite",
    className: "ContainerRepositoryProperties",
    modelProperties: {
      registryLoginServer: {
        serializedName: "registry",
        required: true,
        readOnly: true,
        type: {
          name: "String"
        }
      },
      name: {
        serializedName: "imageName",
        required: true,
        readOnly: true,
        type: {
          name: "String"
        }
      },
      createdOn: {
        serializedName: "createdTime",
        required: true,
        readOnly: true,
        type: {
          name: "DateTime"
        }
      },
      lastUpdatedOn: {
        serializedName: "lastUpdateTime",
        required: true,
        readOnly: true,
        type: {
          name: "DateTime"
        }
      },
      manifestCount: {
        serializedName: "manifestCount",
        required: true,
        readOnly: true,
        type: {
          name: "Number"
        }
      },
      tagCount: {
        serializedName: "tagCount",
        required: true,
        readOnly: true,
        type: {
          name: "Number"
        }
      },
      canDelete: {
        serializedName: "changeableAttributes.deleteEnabled",
        type: {
          name: "Boolean"
        }
      },
      canWrite: {
        serializedName: "changeableAttributes.writeEnabled",
        type: {
          name: "Boolean"
        }
      },
      canList: {
        serializedName: "changeableAttributes.listEnabled",
        type: {
          name: "Boolean"
        }
      },
      canRead: {
        serializedName: "changeableAttributes.readEnabled",
        type: {
          name: "Boolean"
        }
      }
    }
  }
};
const RepositoryWriteableProperties = {
  type: {
    name: "Composite",
    className: "RepositoryWriteableProperties",
    modelProperties: {
      canDelete: {
        serializedName: "deleteEnabled",
        type: {
          name: "Boolean"
        }
      },
      canWrite: {
        serializedName: "writeEnabled",
        type: {
          name: "Boolean"
        }
      },
      canList: {
        serializedName: "listEnabled",
        type: {
          name: "Boolean"
        }
      },
      canRead: {
        serializedName: "readEnabled",
        type: {
          name: "Boolean"
        }
      }
    }
  }
};
const TagList = {
  type: {
    name: "Composite",
    className: "TagList",
    modelProperties: {
      registryLoginServer: {
        serializedName: "registry",
        required: true,
        type: {
          name: "String"
        }
      },
      repository: {
        serializedName: "imageName",
        required: true,
        type: {
          name: "String"
        }
      },
      tagAttributeBases: {
        serializedName: "tags",
        required: true,
        type: {
          name: "Sequence",
          element: {
            type: {
              name: "Composite",
              className: "TagAttributesBase"
            }
          }
        }
      },
      link: {
        serializedName: "link",
        type: {
          name: "String"
        }
      }
    }
  }
};
const TagAttributesBase = {
  type: {
    name: "Composite",
    className: "TagAttributesBase",
    modelProperties: {
      name: {
        serializedName: "name",
        required: true,
        readOnly: true,
        type: {
          name: "String"
        }
      },
      digest: {
        serializedName: "digest",
        required: true,
        readOnly: true,
        type: {
          name: "String"
        }
      },
      createdOn: {
        serializedName: "createdTime",
        required: true,
        readOnly: true,
        type: {
          name: "DateTime"
        }
      },
      lastUpdatedOn: {
        serializedName: "lastUpdateTime",
        required: true,
        readOnly: true,
        type: {
          name: "DateTime"
        }
      },
      canDelete: {
        serializedName: "changeableAttributes.deleteEnabled",
        type: {
          name: "Boolean"
        }
      },
      canWrite: {
        serializedName: "changeableAttributes.writeEnabled",
        type: {
          name: "Boolean"
        }
      },
      canList: {
        serializedName: "changeableAttributes.listEnabled",
        type: {
          name: "Boolean"
        }
      },
      canRead: {
        serializedName: "changeableAttributes.readEnabled",
        type: {
          name: "Boolean"
        }
      }
    }
  }
};
const TagWriteableProperties = {
  type: {
    name: "Composite",
    className: "TagWriteableProperties",
    modelProperties: {
      canDelete: {
        serializedName: "deleteEnabled",
        type: {
          name: "Boolean"
        }
      },
      canWrite: {
        serializedName: "writeEnabled",
        type: {
          name: "Boolean"
        }
      },
      canList: {
        serializedName: "listEnabled",
        type: {
          name: "Boolean"
        }
      },
      canRead: {
        serializedName: "readEnabled",
        type: {
          name: "Boolean"
        }
      }
    }
  }
};
const ArtifactTagProperties = {
  type: {
    name: "Composite",
    className: "ArtifactTagProperties",
    modelProperties: {
      registryLoginServer: {
        serializedName: "registry",
        required: true,
        readOnly: true,
        type: {
          name: "String"
        }
      },
      repositoryName: {
        serializedName: "imageName",
        required: true,
        readOnly: true,
        type: {
          name: "String"
        }
      },
      name: {
        serializedName: "tag.name",
        required: true,
        readOnly: true,
        type: {
          name: "String"
        }
      },
      digest: {
        serializedName: "tag.digest",
        required: true,
        readOnly: true,
        type: {
          name: "String"
        }
      },
      createdOn: {
        serializedName: "tag.createdTime",
        required: true,
        readOnly: true,
        type: {
          name: "DateTime"
        }
      },
      lastUpdatedOn: {
        serializedName: "tag.lastUpdateTime",
        required: true,
        readOnly: true,
        type: {
          name: "DateTime"
        }
      },
      canDelete: {
        serializedName: "tag.changeableAttributes.deleteEnabled",
        type: {
          name: "Boolean"
        }
      },
      canWrite: {
        serializedName: "tag.changeableAttributes.writeEnabled",
        type: {
          name: "Boolean"
        }
      },
      canList: {
        serializedName: "tag.changeableAttributes.listEnabled",
        type: {
          name: "Boolean"
        }
      },
      canRead: {
        serializedName: "tag.changeableAttributes.readEnabled",
        type: {
          name: "Boolean"
        }
      }
    }
  }
};
const AcrManifests = {
  type: {
    name: "Composite",
    className: "AcrManifests",
    modelProperties: {
      registryLoginServer: {
        serializedName: "registry",
        type: {
          name: "String"
        }
      },
      repository: {
        serializedName: "imageName",
        type: {
          name: "String"
        }
      },
      manifests: {
        serializedName: "manifests",
        type: {
          name: "Sequence",
          element: {
            type: {
              name: "Composite",
              className: "ManifestAttributesBase"
            }
          }
        }
      },
      link: {
        serializedName: "link",
        type: {
          name: "String"
        }
      }
    }
  }
};
const ManifestAttributesBase = {
  type: {
    name: "Composite",
    className: "ManifestAttributesBase",
    modelProperties: {
      digest: {
        serializedName: "digest",
        required: true,
        readOnly: true,
        type: {
          name: "String"
        }
      },
      size: {
        serializedName: "imageSize",
        readOnly: true,
        type: {
          name: "Number"
        }
      },
      createdOn: {
        serializedName: "createdTime",
        required: true,
        readOnly: true,
        type: {
          name: "DateTime"
        }
      },
      lastUpdatedOn: {
        serializedName: "lastUpdateTime",
        required: true,
        readOnly: true,
        type: {
          name: "DateTime"
        }
      },
      architecture: {
        serializedName: "architecture",
        readOnly: true,
        nullable: true,
        type: {
          name: "String"
        }
      },
      operatingSystem: {
        serializedName: "os",
        readOnly: true,
        nullable: true,
        type: {
          name: "String"
        }
      },
      relatedArtifacts: {
        serializedName: "references",
        readOnly: true,
        type: {
          name: "Sequence",
          element: {
            type: {
              name: "Composite",
              className: "ArtifactManifestPlatform"
            }
          }
        }
      },
      tags: {
        serializedName: "tags",
        readOnly: true,
        type: {
          name: "Sequence",
          element: {
            type: {
              name: "String"
            }
          }
        }
      },
      canDelete: {
        serializedName: "changeableAttributes.deleteEnabled",
        type: {
          name: "Boolean"
        }
      },
      canWrite: {
        serializedName: "changeableAttributes.writeEnabled",
        type: {
          name: "Boolean"
        }
      },
      canList: {
        serializedName: "changeableAttributes.listEnabled",
        type: {
          name: "Boolean"
        }
      },
      canRead: {
        serializedName: "changeableAttributes.readEnabled",
        type: {
          name: "Boolean"
        }
      }
    }
  }
};
const ArtifactManifestPlatform = {
  type: {
    name: "Composite",
    className: "ArtifactManifestPlatform",
    modelProperties: {
      digest: {
        serializedName: "digest",
        required: true,
        readOnly: true,
        type: {
          name: "String"
        }
      },
      architecture: {
        serializedName: "architecture",
        readOnly: true,
        type: {
          name: "String"
        }
      },
      operatingSystem: {
        serializedName: "os",
        readOnly: true,
        type: {
          name: "String"
        }
      }
    }
  }
};
const ManifestWriteableProperties = {
  type: {
    name: "Composite",
    className: "ManifestWriteableProperties",
    modelProperties: {
      canDelete: {
        serializedName: "deleteEnabled",
        type: {
          name: "Boolean"
        }
      },
      canWrite: {
        serializedName: "writeEnabled",
        type: {
          name: "Boolean"
        }
      },
      canList: {
        serializedName: "listEnabled",
        type: {
          name: "Boolean"
        }
      },
      canRead: {
        serializedName: "readEnabled",
        type: {
          name: "Boolean"
        }
      }
    }
  }
};
const ArtifactManifestProperties = {
  type: {
    name: "Composite",
    className: "ArtifactManifestProperties",
    modelProperties: {
      registryLoginServer: {
        serializedName: "registry",
        readOnly: true,
        type: {
          name: "String"
        }
      },
      repositoryName: {
        serializedName: "imageName",
        readOnly: true,
        type: {
          name: "String"
        }
      },
      digest: {
        serializedName: "manifest.digest",
        required: true,
        readOnly: true,
        type: {
          name: "String"
        }
      },
      size: {
        serializedName: "manifest.imageSize",
        readOnly: true,
        type: {
          name: "Number"
        }
      },
      createdOn: {
        serializedName: "manifest.createdTime",
        required: true,
        readOnly: true,
        type: {
          name: "DateTime"
        }
      },
      lastUpdatedOn: {
        serializedName: "manifest.lastUpdateTime",
        required: true,
        readOnly: true,
        type: {
          name: "DateTime"
        }
      },
      architecture: {
        serializedName: "manifest.architecture",
        readOnly: true,
        nullable: true,
        type: {
          name: "String"
        }
      },
      operatingSystem: {
        serializedName: "manifest.os",
        readOnly: true,
        nullable: true,
        type: {
          name: "String"
        }
      },
      relatedArtifacts: {
        serializedName: "manifest.references",
        readOnly: true,
        type: {
          name: "Sequence",
          element: {
            type: {
              name: "Composite",
              className: "ArtifactManifestPlatform"
            }
          }
        }
      },
      tags: {
        serializedName: "manifest.tags",
        readOnly: true,
        type: {
          name: "Sequence",
          element: {
            type: {
              name: "String"
            }
          }
        }
      },
      canDelete: {
        serializedName: "manifest.changeableAttributes.deleteEnabled",
        type: {
          name: "Boolean"
        }
      },
      canWrite: {
        serializedName: "manifest.changeableAttributes.writeEnabled",
        type: {
          name: "Boolean"
        }
      },
      canList: {
        serializedName: "manifest.changeableAttributes.listEnabled",
        type: {
          name: "Boolean"
        }
      },
      canRead: {
        serializedName: "manifest.changeableAttributes.readEnabled",
        type: {
          name: "Boolean"
        }
      }
    }
  }
};
const AcrRefreshToken = {
  type: {
    name: "Composite",
    className: "AcrRefreshToken",
    modelProperties: {
      refreshToken: {
        serializedName: "refresh_token",
        type: {
          name: "String"
        }
      }
    }
  }
};
const AcrAccessToken = {
  type: {
    name: "Composite",
    className: "AcrAccessToken",
    modelProperties: {
      accessToken: {
        serializedName: "access_token",
        type: {
          name: "String"
        }
      }
    }
  }
};
const RepositoryTags = {
  type: {
    name: "Composite",
    className: "RepositoryTags",
    modelProperties: {
      name: {
        serializedName: "name",
        type: {
          name: "String"
        }
      },
      tags: {
        serializedName: "tags",
        type: {
          name: "Sequence",
          element: {
            type: {
              name: "String"
            }
          }
        }
      }
    }
  }
};
const ImageSignature = {
  type: {
    name: "Composite",
    className: "ImageSignature",
    modelProperties: {
      header: {
        serializedName: "header",
        type: {
          name: "Composite",
          className: "Jwk"
        }
      },
      signature: {
        serializedName: "signature",
        type: {
          name: "String"
        }
      },
      protected: {
        serializedName: "protected",
        type: {
          name: "String"
        }
      }
    }
  }
};
const Jwk = {
  type: {
    name: "Composite",
    className: "Jwk",
    modelProperties: {
      jwk: {
        serializedName: "jwk",
        type: {
          name: "Composite",
          className: "JWKHeader"
        }
      },
      alg: {
        serializedName: "alg",
        type: {
          name: "String"
        }
      }
    }
  }
};
const JWKHeader = {
  type: {
    name: "Composite",
    className: "JWKHeader",
    modelProperties: {
      crv: {
        serializedName: "crv",
        type: {
          name: "String"
        }
      },
      kid: {
        serializedName: "kid",
        type: {
          name: "String"
        }
      },
      kty: {
        serializedName: "kty",
        type: {
          name: "String"
        }
      },
      x: {
        serializedName: "x",
        type: {
          name: "String"
        }
      },
      y: {
        serializedName: "y",
        type: {
          name: "String"
        }
      }
    }
  }
};
const History = {
  type: {
    name: "Composite",
    className: "History",
    modelProperties: {
      v1Compatibility: {
        serializedName: "v1Compatibility",
        type: {
          name: "String"
        }
      }
    }
  }
};
const DeleteRepositoryResult = {
  type: {
    name: "Composite",
    className: "DeleteRepositoryResult",
    modelProperties: {
      deletedManifests: {
        serializedName: "manifestsDeleted",
        readOnly: true,
        type: {
          name: "Sequence",
          element: {
            type: {
              name: "String"
            }
          }
        }
      },
      deletedTags: {
        serializedName: "tagsDeleted",
        readOnly: true,
        type: {
          name: "Sequence",
          element: {
            type: {
              name: "String"
            }
          }
        }
      }
    }
  }
};
const FsLayer = {
  type: {
    name: "Composite",
    className: "FsLayer",
    modelProperties: {
      blobSum: {
        serializedName: "blobSum",
        type: {
          name: "String"
        }
      }
    }
  }
};
const Descriptor = {
  type: {
    name: "Composite",
    className: "Descriptor",
    modelProperties: {
      mediaType: {
        serializedName: "mediaType",
        type: {
          name: "String"
        }
      },
      size: {
        serializedName: "size",
        type: {
          name: "Number"
        }
      },
      digest: {
        serializedName: "digest",
        type: {
          name: "String"
        }
      },
      urls: {
        serializedName: "urls",
        type: {
          name: "Sequence",
          element: {
            type: {
              name: "String"
            }
          }
        }
      },
      annotations: {
        serializedName: "annotations",
        type: {
          name: "Composite",
          className: "Annotations"
        }
      }
    }
  }
};
const Annotations = {
  type: {
    name: "Composite",
    className: "Annotations",
    additionalProperties: { type: { name: "Object" } },
    modelProperties: {
      created: {
        serializedName: "org\\.opencontainers\\.image\\.created",
        type: {
          name: "DateTime"
        }
      },
      authors: {
        serializedName: "org\\.opencontainers\\.image\\.authors",
        type: {
          name: "String"
        }
      },
      url: {
        serializedName: "org\\.opencontainers\\.image\\.url",
        type: {
          name: "String"
        }
      },
      documentation: {
        serializedName: "org\\.opencontainers\\.image\\.documentation",
        type: {
          name: "String"
        }
      },
      source: {
        serializedName: "org\\.opencontainers\\.image\\.source",
        type: {
          name: "String"
        }
      },
      version: {
        serializedName: "org\\.opencontainers\\.image\\.version",
        type: {
          name: "String"
        }
      },
      revision: {
        serializedName: "org\\.opencontainers\\.image\\.revision",
        type: {
          name: "String"
        }
      },
      vendor: {
        serializedName: "org\\.opencontainers\\.image\\.vendor",
        type: {
          name: "String"
        }
      },
      licenses: {
        serializedName: "org\\.opencontainers\\.image\\.licenses",
        type: {
          name: "String"
        }
      },
      name: {
        serializedName: "org\\.opencontainers\\.image\\.ref.name",
        type: {
          name: "String"
        }
      },
      title: {
        serializedName: "org\\.opencontainers\\.image\\.title",
        type: {
          name: "String"
        }
      },
      description: {
        serializedName: "org\\.opencontainers\\.image\\.description",
        type: {
          name: "String"
        }
      }
    }
  }
};
const TagAttributesTag = {
  type: {
    name: "Composite",
    className: "TagAttributesTag",
    modelProperties: {
      signatureRecord: {
        serializedName: "signatureRecord",
        type: {
          name: "String"
        }
      }
    }
  }
};
const ManifestAttributesManifest = {
  type: {
    name: "Composite",
    className: "ManifestAttributesManifest",
    modelProperties: {
      references: {
        serializedName: "references",
        type: {
          name: "Sequence",
          element: {
            type: {
              name: "Composite",
              className: "ArtifactManifestPlatform"
            }
          }
        }
      }
    }
  }
};
const Manifest = {
  type: {
    name: "Composite",
    className: "Manifest",
    modelProperties: {
      schemaVersion: {
        serializedName: "schemaVersion",
        type: {
          name: "Number"
        }
      }
    }
  }
};
const ManifestListAttributes = {
  type: {
    name: "Composite",
    className: "ManifestListAttributes",
    modelProperties: {
      mediaType: {
        serializedName: "mediaType",
        type: {
          name: "String"
        }
      },
      size: {
        serializedName: "size",
        type: {
          name: "Number"
        }
      },
      digest: {
        serializedName: "digest",
        type: {
          name: "String"
        }
      },
      platform: {
        serializedName: "platform",
        type: {
          name: "Composite",
          className: "Platform"
        }
      }
    }
  }
};
const Platform = {
  type: {
    name: "Composite",
    className: "Platform",
    modelProperties: {
      architecture: {
        serializedName: "architecture",
        type: {
          name: "String"
        }
      },
      os: {
        serializedName: "os",
        type: {
          name: "String"
        }
      },
      osVersion: {
        serializedName: "os\\.version",
        type: {
          name: "String"
        }
      },
      osFeatures: {
        serializedName: "os\\.features",
        type: {
          name: "Sequence",
          element: {
            type: {
              name: "String"
            }
          }
        }
      },
      variant: {
        serializedName: "variant",
        type: {
          name: "String"
        }
      },
      features: {
        serializedName: "features",
        type: {
          name: "Sequence",
          element: {
            type: {
              name: "String"
            }
          }
        }
      }
    }
  }
};
const OCIManifest = {
  serializedName: "application/vnd.oci.image.manifest.v1+json",
  type: {
    name: "Composite",
    className: "OCIManifest",
    modelProperties: {
      config: {
        serializedName: "config",
        type: {
          name: "Composite",
          className: "Descriptor"
        }
      },
      layers: {
        serializedName: "layers",
        type: {
          name: "Sequence",
          element: {
            type: {
              name: "Composite",
              className: "Descriptor"
            }
          }
        }
      },
      annotations: {
        serializedName: "annotations",
        type: {
          name: "Composite",
          className: "Annotations"
        }
      },
      schemaVersion: {
        serializedName: "schemaVersion",
        type: {
          name: "Number"
        }
      }
    }
  }
};
const Paths108HwamOauth2ExchangePostRequestbodyContentApplicationXWwwFormUrlencodedSchema = {
  type: {
    name: "Composite",
    className: "Paths108HwamOauth2ExchangePostRequestbodyContentApplicationXWwwFormUrlencodedSchema",
    modelProperties: {
      grantType: {
        serializedName: "grant_type",
        required: true,
        type: {
          name: "String"
        }
      },
      service: {
        serializedName: "service",
        required: true,
        type: {
          name: "String"
        }
      },
      tenant: {
        serializedName: "tenant",
        type: {
          name: "String"
        }
      },
      refreshToken: {
        serializedName: "refresh_token",
        type: {
          name: "String"
        }
      },
      aadAccessToken: {
        serializedName: "access_token",
        type: {
          name: "String"
        }
      }
    }
  }
};
const PathsV3R3RxOauth2TokenPostRequestbodyContentApplicationXWwwFormUrlencodedSchema = {
  type: {
    name: "Composite",
    className: "PathsV3R3RxOauth2TokenPostRequestbodyContentApplicationXWwwFormUrlencodedSchema",
    modelProperties: {
      service: {
        serializedName: "service",
        required: true,
        type: {
          name: "String"
        }
      },
      scope: {
        serializedName: "scope",
        required: true,
        type: {
          name: "String"
        }
      },
      acrRefreshToken: {
        serializedName: "refresh_token",
        required: true,
        type: {
          name: "String"
        }
      },
      grantType: {
        serializedName: "grant_type",
        required: true,
        type: {
          name: "Enum",
          allowedValues: ["refresh_token", "password"]
        }
      }
    }
  }
};
const ManifestWrapper = {
  type: {
    name: "Composite",
    className: "ManifestWrapper",
    modelProperties: {
      ...Manifest.type.modelProperties,
      mediaType: {
        serializedName: "mediaType",
        type: {
          name: "String"
        }
      },
      manifests: {
        serializedName: "manifests",
        type: {
          name: "Sequence",
          element: {
            type: {
              name: "Composite",
              className: "ManifestListAttributes"
            }
          }
        }
      },
      config: {
        serializedName: "config",
        type: {
          name: "Composite",
          className: "Descriptor"
        }
      },
      layers: {
        serializedName: "layers",
        type: {
          name: "Sequence",
          element: {
            type: {
              name: "Composite",
              className: "Descriptor"
            }
          }
        }
      },
      annotations: {
        serializedName: "annotations",
        type: {
          name: "Composite",
          className: "Annotations"
        }
      },
      architecture: {
        serializedName: "architecture",
        type: {
          name: "String"
        }
      },
      name: {
        serializedName: "name",
        type: {
          name: "String"
        }
      },
      tag: {
        serializedName: "tag",
        type: {
          name: "String"
        }
      },
      fsLayers: {
        serializedName: "fsLayers",
        type: {
          name: "Sequence",
          element: {
            type: {
              name: "Composite",
              className: "FsLayer"
            }
          }
        }
      },
      history: {
        serializedName: "history",
        type: {
          name: "Sequence",
          element: {
            type: {
              name: "Composite",
              className: "History"
            }
          }
        }
      },
      signatures: {
        serializedName: "signatures",
        type: {
          name: "Sequence",
          element: {
            type: {
              name: "Composite",
              className: "ImageSignature"
            }
          }
        }
      }
    }
  }
};
const ManifestList = {
  serializedName: "application/vnd.docker.distribution.manifest.list.v2+json",
  type: {
    name: "Composite",
    className: "ManifestList",
    modelProperties: {
      ...Manifest.type.modelProperties,
      mediaType: {
        serializedName: "mediaType",
        type: {
          name: "String"
        }
      },
      manifests: {
        serializedName: "manifests",
        type: {
          name: "Sequence",
          element: {
            type: {
              name: "Composite",
              className: "ManifestListAttributes"
            }
          }
        }
      }
    }
  }
};
const V2Manifest = {
  serializedName: "application/vnd.docker.distribution.manifest.v2+json",
  type: {
    name: "Composite",
    className: "V2Manifest",
    modelProperties: {
      ...Manifest.type.modelProperties,
      mediaType: {
        serializedName: "mediaType",
        type: {
          name: "String"
        }
      },
      config: {
        serializedName: "config",
        type: {
          name: "Composite",
          className: "Descriptor"
        }
      },
      layers: {
        serializedName: "layers",
        type: {
          name: "Sequence",
          element: {
            type: {
              name: "Composite",
              className: "Descriptor"
            }
          }
        }
      }
    }
  }
};
const OCIIndex = {
  serializedName: "application/vnd.oci.image.index.v1+json",
  type: {
    name: "Composite",
    className: "OCIIndex",
    modelProperties: {
      ...Manifest.type.modelProperties,
      manifests: {
        serializedName: "manifests",
        type: {
          name: "Sequence",
          element: {
            type: {
              name: "Composite",
              className: "ManifestListAttributes"
            }
          }
        }
      },
      annotations: {
        serializedName: "annotations",
        type: {
          name: "Composite",
          className: "Annotations"
        }
      }
    }
  }
};
const V1Manifest = {
  serializedName: "application/vnd.oci.image.manifest.v1+json",
  type: {
    name: "Composite",
    className: "V1Manifest",
    modelProperties: {
      ...Manifest.type.modelProperties,
      architecture: {
        serializedName: "architecture",
        type: {
          name: "String"
        }
      },
      name: {
        serializedName: "name",
        type: {
          name: "String"
        }
      },
      tag: {
        serializedName: "tag",
        type: {
          name: "String"
        }
      },
      fsLayers: {
        serializedName: "fsLayers",
        type: {
          name: "Sequence",
          element: {
            type: {
              name: "Composite",
              className: "FsLayer"
            }
          }
        }
      },
      history: {
        serializedName: "history",
        type: {
          name: "Sequence",
          element: {
            type: {
              name: "Composite",
              className: "History"
            }
          }
        }
      },
      signatures: {
        serializedName: "signatures",
        type: {
          name: "Sequence",
          element: {
            type: {
              name: "Composite",
              className: "ImageSignature"
            }
          }
        }
      }
    }
  }
};
const ContainerRegistryGetManifestHeaders = {
  type: {
    name: "Composite",
    className: "ContainerRegistryGetManifestHeaders",
    modelProperties: {
      dockerContentDigest: {
        serializedName: "docker-content-digest",
        type: {
          name: "String"
        }
      },
      mediaType: {
        serializedName: "content-type",
        type: {
          name: "String"
        }
      }
    }
  }
};
const ContainerRegistryCreateManifestHeaders = {
  type: {
    name: "Composite",
    className: "ContainerRegistryCreateManifestHeaders",
    modelProperties: {
      dockerContentDigest: {
        serializedName: "docker-content-digest",
        type: {
          name: "String"
        }
      },
      location: {
        serializedName: "location",
        type: {
          name: "String"
        }
      },
      contentLength: {
        serializedName: "content-length",
        type: {
          name: "Number"
        }
      }
    }
  }
};
const ContainerRegistryGetRepositoriesHeaders = {
  type: {
    name: "Composite",
    className: "ContainerRegistryGetRepositoriesHeaders",
    modelProperties: {
      link: {
        serializedName: "link",
        type: {
          name: "String"
        }
      }
    }
  }
};
const ContainerRegistryGetTagsHeaders = {
  type: {
    name: "Composite",
    className: "ContainerRegistryGetTagsHeaders",
    modelProperties: {
      link: {
        serializedName: "link",
        type: {
          name: "String"
        }
      }
    }
  }
};
const ContainerRegistryGetManifestsHeaders = {
  type: {
    name: "Composite",
    className: "ContainerRegistryGetManifestsHeaders",
    modelProperties: {
      link: {
        serializedName: "link",
        type: {
          name: "String"
        }
      }
    }
  }
};
const ContainerRegistryGetRepositoriesNextHeaders = {
  type: {
    name: "Composite",
    className: "ContainerRegistryGetRepositoriesNextHeaders",
    modelProperties: {
      link: {
        serializedName: "link",
        type: {
          name: "String"
        }
      }
    }
  }
};
const ContainerRegistryGetTagsNextHeaders = {
  type: {
    name: "Composite",
    className: "ContainerRegistryGetTagsNextHeaders",
    modelProperties: {
      link: {
        serializedName: "link",
        type: {
          name: "String"
        }
      }
    }
  }
};
const ContainerRegistryGetManifestsNextHeaders = {
  type: {
    name: "Composite",
    className: "ContainerRegistryGetManifestsNextHeaders",
    modelProperties: {
      link: {
        serializedName: "link",
        type: {
          name: "String"
        }
      }
    }
  }
};
const ContainerRegistryBlobGetBlobHeaders = {
  type: {
    name: "Composite",
    className: "ContainerRegistryBlobGetBlobHeaders",
    modelProperties: {
      contentLength: {
        serializedName: "content-length",
        type: {
          name: "Number"
        }
      },
      dockerContentDigest: {
        serializedName: "docker-content-digest",
        type: {
          name: "String"
        }
      }
    }
  }
};
const ContainerRegistryBlobCheckBlobExistsHeaders = {
  type: {
    name: "Composite",
    className: "ContainerRegistryBlobCheckBlobExistsHeaders",
    modelProperties: {
      contentLength: {
        serializedName: "content-length",
        type: {
          name: "Number"
        }
      },
      dockerContentDigest: {
        serializedName: "docker-content-digest",
        type: {
          name: "String"
        }
      }
    }
  }
};
const ContainerRegistryBlobDeleteBlobHeaders = {
  type: {
    name: "Composite",
    className: "ContainerRegistryBlobDeleteBlobHeaders",
    modelProperties: {
      dockerContentDigest: {
        serializedName: "docker-content-digest",
        type: {
          name: "String"
        }
      }
    }
  }
};
const ContainerRegistryBlobMountBlobHeaders = {
  type: {
    name: "Composite",
    className: "ContainerRegistryBlobMountBlobHeaders",
    modelProperties: {
      location: {
        serializedName: "location",
        type: {
          name: "String"
        }
      },
      dockerUploadUuid: {
        serializedName: "docker-upload-uuid",
        type: {
          name: "String"
        }
      },
      dockerContentDigest: {
        serializedName: "docker-content-digest",
        type: {
          name: "String"
        }
      }
    }
  }
};
const ContainerRegistryBlobGetUploadStatusHeaders = {
  type: {
    name: "Composite",
    className: "ContainerRegistryBlobGetUploadStatusHeaders",
    modelProperties: {
      range: {
        serializedName: "range",
        type: {
          name: "String"
        }
      },
      dockerUploadUuid: {
        serializedName: "docker-upload-uuid",
        type: {
          name: "String"
        }
      }
    }
  }
};
const ContainerRegistryBlobUploadChunkHeaders = {
  type: {
    name: "Composite",
    className: "ContainerRegistryBlobUploadChunkHeaders",
    modelProperties: {
      location: {
        serializedName: "location",
        type: {
          name: "String"
        }
      },
      range: {
        serializedName: "range",
        type: {
          name: "String"
        }
      },
      dockerUploadUuid: {
        serializedName: "docker-upload-uuid",
        type: {
          name: "String"
        }
      }
    }
  }
};
const ContainerRegistryBlobCompleteUploadHeaders = {
  type: {
    name: "Composite",
    className: "ContainerRegistryBlobCompleteUploadHeaders",
    modelProperties: {
      location: {
        serializedName: "location",
        type: {
          name: "String"
        }
      },
      range: {
        serializedName: "range",
        type: {
          name: "String"
        }
      },
      dockerContentDigest: {
        serializedName: "docker-content-digest",
        type: {
          name: "String"
        }
      }
    }
  }
};
const ContainerRegistryBlobStartUploadHeaders = {
  type: {
    name: "Composite",
    className: "ContainerRegistryBlobStartUploadHeaders",
    modelProperties: {
      location: {
        serializedName: "location",
        type: {
          name: "String"
        }
      },
      range: {
        serializedName: "range",
        type: {
          name: "String"
        }
      },
      dockerUploadUuid: {
        serializedName: "docker-upload-uuid",
        type: {
          name: "String"
        }
      }
    }
  }
};
const ContainerRegistryBlobGetChunkHeaders = {
  type: {
    name: "Composite",
    className: "ContainerRegistryBlobGetChunkHeaders",
    modelProperties: {
      contentLength: {
        serializedName: "content-length",
        type: {
          name: "Number"
        }
      },
      contentRange: {
        serializedName: "content-range",
        type: {
          name: "String"
        }
      }
    }
  }
};
const ContainerRegistryBlobCheckChunkExistsHeaders = {
  type: {
    name: "Composite",
    className: "ContainerRegistryBlobCheckChunkExistsHeaders",
    modelProperties: {
      contentLength: {
        serializedName: "content-length",
        type: {
          name: "Number"
        }
      },
      contentRange: {
        serializedName: "content-range",
        type: {
          name: "String"
        }
      }
    }
  }
};


;// CONCATENATED MODULE: ./node_modules/@azure/container-registry/dist/esm/generated/models/parameters.js

const accept = {
  parameterPath: "accept",
  mapper: {
    defaultValue: "application/json",
    isConstant: true,
    serializedName: "Accept",
    type: {
      name: "String"
    }
  }
};
const url = {
  parameterPath: "url",
  mapper: {
    serializedName: "url",
    required: true,
    type: {
      name: "String"
    }
  },
  skipEncoding: true
};
const parameters_name = {
  parameterPath: "name",
  mapper: {
    serializedName: "name",
    required: true,
    type: {
      name: "String"
    }
  }
};
const reference = {
  parameterPath: "reference",
  mapper: {
    serializedName: "reference",
    required: true,
    type: {
      name: "String"
    }
  }
};
const accept1 = {
  parameterPath: ["options", "accept"],
  mapper: {
    serializedName: "accept",
    type: {
      name: "String"
    }
  }
};
const payload = {
  parameterPath: "payload",
  mapper: {
    serializedName: "payload",
    required: true,
    type: {
      name: "Stream"
    }
  }
};
const accept2 = {
  parameterPath: "accept",
  mapper: {
    defaultValue: "application/json",
    isConstant: true,
    serializedName: "Accept",
    type: {
      name: "String"
    }
  }
};
const contentType = {
  parameterPath: ["options", "contentType"],
  mapper: {
    serializedName: "Content-Type",
    type: {
      name: "String"
    }
  }
};
const last = {
  parameterPath: ["options", "last"],
  mapper: {
    serializedName: "last",
    type: {
      name: "String"
    }
  }
};
const n = {
  parameterPath: ["options", "n"],
  mapper: {
    serializedName: "n",
    type: {
      name: "Number"
    }
  }
};
const apiVersion = {
  parameterPath: "apiVersion",
  mapper: {
    serializedName: "api-version",
    required: true,
    type: {
      name: "String"
    }
  }
};
const contentType1 = {
  parameterPath: ["options", "contentType"],
  mapper: {
    defaultValue: "application/json",
    isConstant: true,
    serializedName: "Content-Type",
    type: {
      name: "String"
    }
  }
};
const value = {
  parameterPath: ["options", "value"],
  mapper: RepositoryWriteableProperties
};
const orderby = {
  parameterPath: ["options", "orderby"],
  mapper: {
    serializedName: "orderby",
    type: {
      name: "String"
    }
  }
};
const digest = {
  parameterPath: ["options", "digest"],
  mapper: {
    serializedName: "digest",
    type: {
      name: "String"
    }
  }
};
const value1 = {
  parameterPath: ["options", "value"],
  mapper: TagWriteableProperties
};
const digest1 = {
  parameterPath: "digest",
  mapper: {
    serializedName: "digest",
    required: true,
    type: {
      name: "String"
    }
  }
};
const value2 = {
  parameterPath: ["options", "value"],
  mapper: ManifestWriteableProperties
};
const nextLink = {
  parameterPath: "nextLink",
  mapper: {
    serializedName: "nextLink",
    required: true,
    type: {
      name: "String"
    }
  },
  skipEncoding: true
};
const accept3 = {
  parameterPath: "accept",
  mapper: {
    defaultValue: "application/octet-stream",
    isConstant: true,
    serializedName: "Accept",
    type: {
      name: "String"
    }
  }
};
const fromParam = {
  parameterPath: "fromParam",
  mapper: {
    serializedName: "from",
    required: true,
    type: {
      name: "String"
    }
  }
};
const mount = {
  parameterPath: "mount",
  mapper: {
    serializedName: "mount",
    required: true,
    type: {
      name: "String"
    }
  }
};
const nextLink1 = {
  parameterPath: "nextLink",
  mapper: {
    serializedName: "nextBlobUuidLink",
    required: true,
    type: {
      name: "String"
    }
  },
  skipEncoding: true
};
const contentType2 = {
  parameterPath: ["options", "contentType"],
  mapper: {
    defaultValue: "application/octet-stream",
    isConstant: true,
    serializedName: "Content-Type",
    type: {
      name: "String"
    }
  }
};
const value3 = {
  parameterPath: "value",
  mapper: {
    serializedName: "value",
    required: true,
    type: {
      name: "Stream"
    }
  }
};
const value4 = {
  parameterPath: ["options", "value"],
  mapper: {
    serializedName: "value",
    type: {
      name: "Stream"
    }
  }
};
const digest2 = {
  parameterPath: "digest",
  mapper: {
    serializedName: "digest",
    required: true,
    type: {
      name: "String"
    }
  }
};
const range = {
  parameterPath: "range",
  mapper: {
    serializedName: "Range",
    required: true,
    type: {
      name: "String"
    }
  }
};
const contentType3 = {
  parameterPath: ["options", "contentType"],
  mapper: {
    defaultValue: "application/x-www-form-urlencoded",
    isConstant: true,
    serializedName: "Content-Type",
    type: {
      name: "String"
    }
  }
};
const grantType = {
  parameterPath: "grantType",
  mapper: {
    serializedName: "grant_type",
    required: true,
    type: {
      name: "String"
    }
  }
};
const service = {
  parameterPath: "service",
  mapper: {
    serializedName: "service",
    required: true,
    type: {
      name: "String"
    }
  }
};
const tenant = {
  parameterPath: ["options", "tenant"],
  mapper: {
    serializedName: "tenant",
    type: {
      name: "String"
    }
  }
};
const refreshToken = {
  parameterPath: ["options", "refreshToken"],
  mapper: {
    serializedName: "refresh_token",
    type: {
      name: "String"
    }
  }
};
const accessToken = {
  parameterPath: ["options", "accessToken"],
  mapper: {
    serializedName: "access_token",
    type: {
      name: "String"
    }
  }
};
const accept4 = {
  parameterPath: "accept",
  mapper: {
    defaultValue: "application/json",
    isConstant: true,
    serializedName: "Accept",
    type: {
      name: "String"
    }
  }
};
const scope = {
  parameterPath: "scope",
  mapper: {
    serializedName: "scope",
    required: true,
    type: {
      name: "String"
    }
  }
};
const refreshToken1 = {
  parameterPath: "refreshToken",
  mapper: {
    serializedName: "refresh_token",
    required: true,
    type: {
      name: "String"
    }
  }
};
const grantType1 = {
  parameterPath: "grantType",
  mapper: {
    serializedName: "grant_type",
    required: true,
    type: {
      name: "Enum",
      allowedValues: ["refresh_token", "password"]
    }
  }
};


;// CONCATENATED MODULE: ./node_modules/@azure/container-registry/dist/esm/generated/operations/containerRegistry.js



class ContainerRegistryImpl {
  client;
  /**
   * Initialize a new instance of the class ContainerRegistry class.
   * @param client Reference to the service client
   */
  constructor(client) {
    this.client = client;
  }
  /**
   * Tells whether this Docker Registry instance supports Docker Registry HTTP API v2
   * @param options The options parameters.
   */
  checkDockerV2Support(options) {
    return this.client.sendOperationRequest(
      { options },
      checkDockerV2SupportOperationSpec
    );
  }
  /**
   * Get the manifest identified by `name` and `reference` where `reference` can be a tag or digest.
   * @param name Name of the image (including the namespace)
   * @param reference A tag or a digest, pointing to a specific image
   * @param options The options parameters.
   */
  getManifest(name, reference, options) {
    return this.client.sendOperationRequest(
      { name, reference, options },
      getManifestOperationSpec
    );
  }
  /**
   * Put the manifest identified by `name` and `reference` where `reference` can be a tag or digest.
   * @param name Name of the image (including the namespace)
   * @param reference A tag or a digest, pointing to a specific image
   * @param payload Manifest body, can take v1 or v2 values depending on accept header
   * @param options The options parameters.
   */
  createManifest(name, reference, payload, options) {
    return this.client.sendOperationRequest(
      { name, reference, payload, options },
      createManifestOperationSpec
    );
  }
  /**
   * Delete the manifest identified by `name` and `reference`. Note that a manifest can _only_ be deleted
   * by `digest`.
   * @param name Name of the image (including the namespace)
   * @param reference Digest of a BLOB
   * @param options The options parameters.
   */
  deleteManifest(name, reference, options) {
    return this.client.sendOperationRequest(
      { name, reference, options },
      deleteManifestOperationSpec
    );
  }
  /**
   * List repositories
   * @param options The options parameters.
   */
  getRepositories(options) {
    return this.client.sendOperationRequest(
      { options },
      getRepositoriesOperationSpec
    );
  }
  /**
   * Get repository attributes
   * @param name Name of the image (including the namespace)
   * @param options The options parameters.
   */
  getProperties(name, options) {
    return this.client.sendOperationRequest(
      { name, options },
      getPropertiesOperationSpec
    );
  }
  /**
   * Delete the repository identified by `name`
   * @param name Name of the image (including the namespace)
   * @param options The options parameters.
   */
  deleteRepository(name, options) {
    return this.client.sendOperationRequest(
      { name, options },
      deleteRepositoryOperationSpec
    );
  }
  /**
   * Update the attribute identified by `name` where `reference` is the name of the repository.
   * @param name Name of the image (including the namespace)
   * @param options The options parameters.
   */
  updateProperties(name, options) {
    return this.client.sendOperationRequest(
      { name, options },
      updatePropertiesOperationSpec
    );
  }
  /**
   * List tags of a repository
   * @param name Name of the image (including the namespace)
   * @param options The options parameters.
   */
  getTags(name, options) {
    return this.client.sendOperationRequest(
      { name, options },
      getTagsOperationSpec
    );
  }
  /**
   * Get tag attributes by tag
   * @param name Name of the image (including the namespace)
   * @param reference Tag name
   * @param options The options parameters.
   */
  getTagProperties(name, reference, options) {
    return this.client.sendOperationRequest(
      { name, reference, options },
      getTagPropertiesOperationSpec
    );
  }
  /**
   * Update tag attributes
   * @param name Name of the image (including the namespace)
   * @param reference Tag name
   * @param options The options parameters.
   */
  updateTagAttributes(name, reference, options) {
    return this.client.sendOperationRequest(
      { name, reference, options },
      updateTagAttributesOperationSpec
    );
  }
  /**
   * Delete tag
   * @param name Name of the image (including the namespace)
   * @param reference Tag name
   * @param options The options parameters.
   */
  deleteTag(name, reference, options) {
    return this.client.sendOperationRequest(
      { name, reference, options },
      deleteTagOperationSpec
    );
  }
  /**
   * List manifests of a repository
   * @param name Name of the image (including the namespace)
   * @param options The options parameters.
   */
  getManifests(name, options) {
    return this.client.sendOperationRequest(
      { name, options },
      getManifestsOperationSpec
    );
  }
  /**
   * Get manifest attributes
   * @param name Name of the image (including the namespace)
   * @param digest Digest of a BLOB
   * @param options The options parameters.
   */
  getManifestProperties(name, digest, options) {
    return this.client.sendOperationRequest(
      { name, digest, options },
      getManifestPropertiesOperationSpec
    );
  }
  /**
   * Update properties of a manifest
   * @param name Name of the image (including the namespace)
   * @param digest Digest of a BLOB
   * @param options The options parameters.
   */
  updateManifestProperties(name, digest, options) {
    return this.client.sendOperationRequest(
      { name, digest, options },
      updateManifestPropertiesOperationSpec
    );
  }
  /**
   * GetRepositoriesNext
   * @param nextLink The nextLink from the previous successful call to the GetRepositories method.
   * @param options The options parameters.
   */
  getRepositoriesNext(nextLink, options) {
    return this.client.sendOperationRequest(
      { nextLink, options },
      getRepositoriesNextOperationSpec
    );
  }
  /**
   * GetTagsNext
   * @param name Name of the image (including the namespace)
   * @param nextLink The nextLink from the previous successful call to the GetTags method.
   * @param options The options parameters.
   */
  getTagsNext(name, nextLink, options) {
    return this.client.sendOperationRequest(
      { name, nextLink, options },
      getTagsNextOperationSpec
    );
  }
  /**
   * GetManifestsNext
   * @param name Name of the image (including the namespace)
   * @param nextLink The nextLink from the previous successful call to the GetManifests method.
   * @param options The options parameters.
   */
  getManifestsNext(name, nextLink, options) {
    return this.client.sendOperationRequest(
      { name, nextLink, options },
      getManifestsNextOperationSpec
    );
  }
}
const serializer = core_client_dist_esm/* createSerializer */.rl(
  mappers_namespaceObject,
  /* isXml */
  false
);
const checkDockerV2SupportOperationSpec = {
  path: "/v2/",
  httpMethod: "GET",
  responses: {
    200: {},
    default: {
      bodyMapper: AcrErrors
    }
  },
  urlParameters: [url],
  headerParameters: [accept],
  serializer
};
const getManifestOperationSpec = {
  path: "/v2/{name}/manifests/{reference}",
  httpMethod: "GET",
  responses: {
    200: {
      bodyMapper: {
        type: { name: "Stream" },
        serializedName: "parsedResponse"
      },
      headersMapper: ContainerRegistryGetManifestHeaders
    },
    default: {
      bodyMapper: AcrErrors
    }
  },
  urlParameters: [url, parameters_name, reference],
  headerParameters: [accept, accept1],
  serializer
};
const createManifestOperationSpec = {
  path: "/v2/{name}/manifests/{reference}",
  httpMethod: "PUT",
  responses: {
    201: {
      headersMapper: ContainerRegistryCreateManifestHeaders
    },
    default: {
      bodyMapper: AcrErrors
    }
  },
  requestBody: payload,
  urlParameters: [url, parameters_name, reference],
  headerParameters: [accept2, contentType],
  mediaType: "binary",
  serializer
};
const deleteManifestOperationSpec = {
  path: "/v2/{name}/manifests/{reference}",
  httpMethod: "DELETE",
  responses: {
    202: {},
    404: {},
    default: {
      bodyMapper: AcrErrors
    }
  },
  urlParameters: [url, parameters_name, reference],
  headerParameters: [accept],
  serializer
};
const getRepositoriesOperationSpec = {
  path: "/acr/v1/_catalog",
  httpMethod: "GET",
  responses: {
    200: {
      bodyMapper: Repositories,
      headersMapper: ContainerRegistryGetRepositoriesHeaders
    },
    default: {
      bodyMapper: AcrErrors
    }
  },
  queryParameters: [last, n, apiVersion],
  urlParameters: [url],
  headerParameters: [accept],
  serializer
};
const getPropertiesOperationSpec = {
  path: "/acr/v1/{name}",
  httpMethod: "GET",
  responses: {
    200: {
      bodyMapper: ContainerRepositoryProperties
    },
    default: {
      bodyMapper: AcrErrors
    }
  },
  queryParameters: [apiVersion],
  urlParameters: [url, parameters_name],
  headerParameters: [accept],
  serializer
};
const deleteRepositoryOperationSpec = {
  path: "/acr/v1/{name}",
  httpMethod: "DELETE",
  responses: {
    202: {},
    404: {},
    default: {
      bodyMapper: AcrErrors
    }
  },
  queryParameters: [apiVersion],
  urlParameters: [url, parameters_name],
  headerParameters: [accept],
  serializer
};
const updatePropertiesOperationSpec = {
  path: "/acr/v1/{name}",
  httpMethod: "PATCH",
  responses: {
    200: {
      bodyMapper: ContainerRepositoryProperties
    },
    default: {
      bodyMapper: AcrErrors
    }
  },
  requestBody: value,
  queryParameters: [apiVersion],
  urlParameters: [url, parameters_name],
  headerParameters: [accept, contentType1],
  mediaType: "json",
  serializer
};
const getTagsOperationSpec = {
  path: "/acr/v1/{name}/_tags",
  httpMethod: "GET",
  responses: {
    200: {
      bodyMapper: TagList,
      headersMapper: ContainerRegistryGetTagsHeaders
    },
    default: {
      bodyMapper: AcrErrors
    }
  },
  queryParameters: [
    last,
    n,
    apiVersion,
    orderby,
    digest
  ],
  urlParameters: [url, parameters_name],
  headerParameters: [accept],
  serializer
};
const getTagPropertiesOperationSpec = {
  path: "/acr/v1/{name}/_tags/{reference}",
  httpMethod: "GET",
  responses: {
    200: {
      bodyMapper: ArtifactTagProperties
    },
    default: {
      bodyMapper: AcrErrors
    }
  },
  queryParameters: [apiVersion],
  urlParameters: [url, parameters_name, reference],
  headerParameters: [accept],
  serializer
};
const updateTagAttributesOperationSpec = {
  path: "/acr/v1/{name}/_tags/{reference}",
  httpMethod: "PATCH",
  responses: {
    200: {
      bodyMapper: ArtifactTagProperties
    },
    default: {
      bodyMapper: AcrErrors
    }
  },
  requestBody: value1,
  queryParameters: [apiVersion],
  urlParameters: [url, parameters_name, reference],
  headerParameters: [accept, contentType1],
  mediaType: "json",
  serializer
};
const deleteTagOperationSpec = {
  path: "/acr/v1/{name}/_tags/{reference}",
  httpMethod: "DELETE",
  responses: {
    202: {},
    404: {},
    default: {
      bodyMapper: AcrErrors
    }
  },
  queryParameters: [apiVersion],
  urlParameters: [url, parameters_name, reference],
  headerParameters: [accept],
  serializer
};
const getManifestsOperationSpec = {
  path: "/acr/v1/{name}/_manifests",
  httpMethod: "GET",
  responses: {
    200: {
      bodyMapper: AcrManifests,
      headersMapper: ContainerRegistryGetManifestsHeaders
    },
    default: {
      bodyMapper: AcrErrors
    }
  },
  queryParameters: [
    last,
    n,
    apiVersion,
    orderby
  ],
  urlParameters: [url, parameters_name],
  headerParameters: [accept],
  serializer
};
const getManifestPropertiesOperationSpec = {
  path: "/acr/v1/{name}/_manifests/{digest}",
  httpMethod: "GET",
  responses: {
    200: {
      bodyMapper: ArtifactManifestProperties
    },
    default: {
      bodyMapper: AcrErrors
    }
  },
  queryParameters: [apiVersion],
  urlParameters: [url, parameters_name, digest1],
  headerParameters: [accept],
  serializer
};
const updateManifestPropertiesOperationSpec = {
  path: "/acr/v1/{name}/_manifests/{digest}",
  httpMethod: "PATCH",
  responses: {
    200: {
      bodyMapper: ArtifactManifestProperties
    },
    default: {
      bodyMapper: AcrErrors
    }
  },
  requestBody: value2,
  queryParameters: [apiVersion],
  urlParameters: [url, parameters_name, digest1],
  headerParameters: [accept, contentType1],
  mediaType: "json",
  serializer
};
const getRepositoriesNextOperationSpec = {
  path: "{nextLink}",
  httpMethod: "GET",
  responses: {
    200: {
      bodyMapper: Repositories,
      headersMapper: ContainerRegistryGetRepositoriesNextHeaders
    },
    default: {
      bodyMapper: AcrErrors
    }
  },
  urlParameters: [url, nextLink],
  headerParameters: [accept],
  serializer
};
const getTagsNextOperationSpec = {
  path: "{nextLink}",
  httpMethod: "GET",
  responses: {
    200: {
      bodyMapper: TagList,
      headersMapper: ContainerRegistryGetTagsNextHeaders
    },
    default: {
      bodyMapper: AcrErrors
    }
  },
  urlParameters: [url, parameters_name, nextLink],
  headerParameters: [accept],
  serializer
};
const getManifestsNextOperationSpec = {
  path: "{nextLink}",
  httpMethod: "GET",
  responses: {
    200: {
      bodyMapper: AcrManifests,
      headersMapper: ContainerRegistryGetManifestsNextHeaders
    },
    default: {
      bodyMapper: AcrErrors
    }
  },
  urlParameters: [url, parameters_name, nextLink],
  headerParameters: [accept],
  serializer
};


;// CONCATENATED MODULE: ./node_modules/@azure/container-registry/dist/esm/generated/operations/containerRegistryBlob.js



class ContainerRegistryBlobImpl {
  client;
  /**
   * Initialize a new instance of the class ContainerRegistryBlob class.
   * @param client Reference to the service client
   */
  constructor(client) {
    this.client = client;
  }
  /**
   * Retrieve the blob from the registry identified by digest.
   * @param name Name of the image (including the namespace)
   * @param digest Digest of a BLOB
   * @param options The options parameters.
   */
  getBlob(name, digest, options) {
    return this.client.sendOperationRequest(
      { name, digest, options },
      getBlobOperationSpec
    );
  }
  /**
   * Same as GET, except only the headers are returned.
   * @param name Name of the image (including the namespace)
   * @param digest Digest of a BLOB
   * @param options The options parameters.
   */
  checkBlobExists(name, digest, options) {
    return this.client.sendOperationRequest(
      { name, digest, options },
      checkBlobExistsOperationSpec
    );
  }
  /**
   * Removes an already uploaded blob.
   * @param name Name of the image (including the namespace)
   * @param digest Digest of a BLOB
   * @param options The options parameters.
   */
  deleteBlob(name, digest, options) {
    return this.client.sendOperationRequest(
      { name, digest, options },
      deleteBlobOperationSpec
    );
  }
  /**
   * Mount a blob identified by the `mount` parameter from another repository.
   * @param name Name of the image (including the namespace)
   * @param fromParam Name of the source repository.
   * @param mount Digest of blob to mount from the source repository.
   * @param options The options parameters.
   */
  mountBlob(name, fromParam, mount, options) {
    return this.client.sendOperationRequest(
      { name, fromParam, mount, options },
      mountBlobOperationSpec
    );
  }
  /**
   * Retrieve status of upload identified by uuid. The primary purpose of this endpoint is to resolve the
   * current status of a resumable upload.
   * @param nextLink Link acquired from upload start or previous chunk. Note, do not include initial /
   *                 (must do substring(1) )
   * @param options The options parameters.
   */
  getUploadStatus(nextLink, options) {
    return this.client.sendOperationRequest(
      { nextLink, options },
      getUploadStatusOperationSpec
    );
  }
  /**
   * Upload a stream of data without completing the upload.
   * @param nextLink Link acquired from upload start or previous chunk. Note, do not include initial /
   *                 (must do substring(1) )
   * @param value Raw data of blob
   * @param options The options parameters.
   */
  uploadChunk(nextLink, value, options) {
    return this.client.sendOperationRequest(
      { nextLink, value, options },
      uploadChunkOperationSpec
    );
  }
  /**
   * Complete the upload, providing all the data in the body, if necessary. A request without a body will
   * just complete the upload with previously uploaded content.
   * @param digest Digest of a BLOB
   * @param nextLink Link acquired from upload start or previous chunk. Note, do not include initial /
   *                 (must do substring(1) )
   * @param options The options parameters.
   */
  completeUpload(digest, nextLink, options) {
    return this.client.sendOperationRequest(
      { digest, nextLink, options },
      completeUploadOperationSpec
    );
  }
  /**
   * Cancel outstanding upload processes, releasing associated resources. If this is not called, the
   * unfinished uploads will eventually timeout.
   * @param nextLink Link acquired from upload start or previous chunk. Note, do not include initial /
   *                 (must do substring(1) )
   * @param options The options parameters.
   */
  cancelUpload(nextLink, options) {
    return this.client.sendOperationRequest(
      { nextLink, options },
      cancelUploadOperationSpec
    );
  }
  /**
   * Initiate a resumable blob upload with an empty request body.
   * @param name Name of the image (including the namespace)
   * @param options The options parameters.
   */
  startUpload(name, options) {
    return this.client.sendOperationRequest(
      { name, options },
      startUploadOperationSpec
    );
  }
  /**
   * Retrieve the blob from the registry identified by `digest`. This endpoint may also support RFC7233
   * compliant range requests. Support can be detected by issuing a HEAD request. If the header
   * `Accept-Range: bytes` is returned, range requests can be used to fetch partial content.
   * @param name Name of the image (including the namespace)
   * @param digest Digest of a BLOB
   * @param range Format : bytes=<start>-<end>,  HTTP Range header specifying blob chunk.
   * @param options The options parameters.
   */
  getChunk(name, digest, range, options) {
    return this.client.sendOperationRequest(
      { name, digest, range, options },
      getChunkOperationSpec
    );
  }
  /**
   * Same as GET, except only the headers are returned.
   * @param name Name of the image (including the namespace)
   * @param digest Digest of a BLOB
   * @param range Format : bytes=<start>-<end>,  HTTP Range header specifying blob chunk.
   * @param options The options parameters.
   */
  checkChunkExists(name, digest, range, options) {
    return this.client.sendOperationRequest(
      { name, digest, range, options },
      checkChunkExistsOperationSpec
    );
  }
}
const containerRegistryBlob_serializer = core_client_dist_esm/* createSerializer */.rl(
  mappers_namespaceObject,
  /* isXml */
  false
);
const getBlobOperationSpec = {
  path: "/v2/{name}/blobs/{digest}",
  httpMethod: "GET",
  responses: {
    200: {
      bodyMapper: {
        type: { name: "Stream" },
        serializedName: "parsedResponse"
      },
      headersMapper: ContainerRegistryBlobGetBlobHeaders
    },
    307: {
      headersMapper: ContainerRegistryBlobGetBlobHeaders
    },
    default: {}
  },
  urlParameters: [url, parameters_name, digest1],
  headerParameters: [accept3],
  serializer: containerRegistryBlob_serializer
};
const checkBlobExistsOperationSpec = {
  path: "/v2/{name}/blobs/{digest}",
  httpMethod: "HEAD",
  responses: {
    200: {
      headersMapper: ContainerRegistryBlobCheckBlobExistsHeaders
    },
    307: {
      headersMapper: ContainerRegistryBlobCheckBlobExistsHeaders
    },
    default: {
      bodyMapper: AcrErrors
    }
  },
  urlParameters: [url, parameters_name, digest1],
  headerParameters: [accept],
  serializer: containerRegistryBlob_serializer
};
const deleteBlobOperationSpec = {
  path: "/v2/{name}/blobs/{digest}",
  httpMethod: "DELETE",
  responses: {
    202: {
      headersMapper: ContainerRegistryBlobDeleteBlobHeaders
    },
    404: {},
    default: {}
  },
  urlParameters: [url, parameters_name, digest1],
  serializer: containerRegistryBlob_serializer
};
const mountBlobOperationSpec = {
  path: "/v2/{name}/blobs/uploads/",
  httpMethod: "POST",
  responses: {
    201: {
      headersMapper: ContainerRegistryBlobMountBlobHeaders
    },
    default: {
      bodyMapper: AcrErrors
    }
  },
  queryParameters: [fromParam, mount],
  urlParameters: [url, parameters_name],
  headerParameters: [accept],
  serializer: containerRegistryBlob_serializer
};
const getUploadStatusOperationSpec = {
  path: "/{nextBlobUuidLink}",
  httpMethod: "GET",
  responses: {
    204: {
      headersMapper: ContainerRegistryBlobGetUploadStatusHeaders
    },
    default: {
      bodyMapper: AcrErrors
    }
  },
  urlParameters: [url, nextLink1],
  headerParameters: [accept],
  serializer: containerRegistryBlob_serializer
};
const uploadChunkOperationSpec = {
  path: "/{nextBlobUuidLink}",
  httpMethod: "PATCH",
  responses: {
    202: {
      headersMapper: ContainerRegistryBlobUploadChunkHeaders
    },
    default: {
      bodyMapper: AcrErrors
    }
  },
  requestBody: value3,
  urlParameters: [url, nextLink1],
  headerParameters: [accept2, contentType2],
  mediaType: "binary",
  serializer: containerRegistryBlob_serializer
};
const completeUploadOperationSpec = {
  path: "/{nextBlobUuidLink}",
  httpMethod: "PUT",
  responses: {
    201: {
      headersMapper: ContainerRegistryBlobCompleteUploadHeaders
    },
    default: {
      bodyMapper: AcrErrors
    }
  },
  requestBody: value4,
  queryParameters: [digest2],
  urlParameters: [url, nextLink1],
  headerParameters: [accept2, contentType2],
  mediaType: "binary",
  serializer: containerRegistryBlob_serializer
};
const cancelUploadOperationSpec = {
  path: "/{nextBlobUuidLink}",
  httpMethod: "DELETE",
  responses: {
    204: {},
    default: {
      bodyMapper: AcrErrors
    }
  },
  urlParameters: [url, nextLink1],
  headerParameters: [accept],
  serializer: containerRegistryBlob_serializer
};
const startUploadOperationSpec = {
  path: "/v2/{name}/blobs/uploads/",
  httpMethod: "POST",
  responses: {
    202: {
      headersMapper: ContainerRegistryBlobStartUploadHeaders
    },
    default: {
      bodyMapper: AcrErrors
    }
  },
  urlParameters: [url, parameters_name],
  headerParameters: [accept],
  serializer: containerRegistryBlob_serializer
};
const getChunkOperationSpec = {
  path: "/v2/{name}/blobs/{digest}",
  httpMethod: "GET",
  responses: {
    206: {
      bodyMapper: {
        type: { name: "Stream" },
        serializedName: "parsedResponse"
      },
      headersMapper: ContainerRegistryBlobGetChunkHeaders
    },
    default: {}
  },
  urlParameters: [url, parameters_name, digest1],
  headerParameters: [accept3, range],
  serializer: containerRegistryBlob_serializer
};
const checkChunkExistsOperationSpec = {
  path: "/v2/{name}/blobs/{digest}",
  httpMethod: "HEAD",
  responses: {
    200: {
      headersMapper: ContainerRegistryBlobCheckChunkExistsHeaders
    },
    default: {
      bodyMapper: AcrErrors
    }
  },
  urlParameters: [url, parameters_name, digest1],
  headerParameters: [accept, range],
  serializer: containerRegistryBlob_serializer
};


;// CONCATENATED MODULE: ./node_modules/@azure/container-registry/dist/esm/generated/operations/authentication.js



class AuthenticationImpl {
  client;
  /**
   * Initialize a new instance of the class Authentication class.
   * @param client Reference to the service client
   */
  constructor(client) {
    this.client = client;
  }
  /**
   * Exchange AAD tokens for an ACR refresh Token
   * @param grantType Can take a value of access_token_refresh_token, or access_token, or refresh_token
   * @param service Indicates the name of your Azure container registry.
   * @param options The options parameters.
   */
  exchangeAadAccessTokenForAcrRefreshToken(grantType, service, options) {
    return this.client.sendOperationRequest(
      { grantType, service, options },
      exchangeAadAccessTokenForAcrRefreshTokenOperationSpec
    );
  }
  /**
   * Exchange ACR Refresh token for an ACR Access Token
   * @param service Indicates the name of your Azure container registry.
   * @param scope Which is expected to be a valid scope, and can be specified more than once for multiple
   *              scope requests. You obtained this from the Www-Authenticate response header from the challenge.
   * @param refreshToken Must be a valid ACR refresh token
   * @param grantType Grant type is expected to be refresh_token
   * @param options The options parameters.
   */
  exchangeAcrRefreshTokenForAcrAccessToken(service, scope, refreshToken, grantType, options) {
    return this.client.sendOperationRequest(
      { service, scope, refreshToken, grantType, options },
      exchangeAcrRefreshTokenForAcrAccessTokenOperationSpec
    );
  }
}
const authentication_serializer = core_client_dist_esm/* createSerializer */.rl(
  mappers_namespaceObject,
  /* isXml */
  false
);
const exchangeAadAccessTokenForAcrRefreshTokenOperationSpec = {
  path: "/oauth2/exchange",
  httpMethod: "POST",
  responses: {
    200: {
      bodyMapper: AcrRefreshToken
    },
    default: {
      bodyMapper: AcrErrors
    }
  },
  formDataParameters: [
    grantType,
    service,
    tenant,
    refreshToken,
    accessToken
  ],
  queryParameters: [apiVersion],
  urlParameters: [url],
  headerParameters: [contentType3, accept4],
  serializer: authentication_serializer
};
const exchangeAcrRefreshTokenForAcrAccessTokenOperationSpec = {
  path: "/oauth2/token",
  httpMethod: "POST",
  responses: {
    200: {
      bodyMapper: AcrAccessToken
    },
    default: {
      bodyMapper: AcrErrors
    }
  },
  formDataParameters: [
    service,
    scope,
    refreshToken1,
    grantType1
  ],
  queryParameters: [apiVersion],
  urlParameters: [url],
  headerParameters: [contentType3, accept4],
  serializer: authentication_serializer
};


;// CONCATENATED MODULE: ./node_modules/@azure/container-registry/dist/esm/generated/operations/index.js




;// CONCATENATED MODULE: ./node_modules/@azure/container-registry/dist/esm/generated/generatedClient.js


class generatedClient_GeneratedClient extends core_client_dist_esm/* ServiceClient */.Nl {
  url;
  apiVersion;
  /**
   * Initializes a new instance of the GeneratedClient class.
   * @param url Registry login URL
   * @param apiVersion Api Version
   * @param options The parameter options
   */
  constructor(url, apiVersion, options) {
    if (url === void 0) {
      throw new Error("'url' cannot be null");
    }
    if (apiVersion === void 0) {
      throw new Error("'apiVersion' cannot be null");
    }
    if (!options) {
      options = {};
    }
    const defaults = {
      requestContentType: "application/json; charset=utf-8"
    };
    const packageDetails = `azsdk-js-container-registry/1.1.0-beta.4`;
    const userAgentPrefix = options.userAgentOptions && options.userAgentOptions.userAgentPrefix ? `${options.userAgentOptions.userAgentPrefix} ${packageDetails}` : `${packageDetails}`;
    const optionsWithDefaults = {
      ...defaults,
      ...options,
      userAgentOptions: {
        userAgentPrefix
      },
      endpoint: options.endpoint ?? options.baseUri ?? "{url}"
    };
    super(optionsWithDefaults);
    this.url = url;
    this.apiVersion = apiVersion;
    this.containerRegistry = new ContainerRegistryImpl(this);
    this.containerRegistryBlob = new ContainerRegistryBlobImpl(this);
    this.authentication = new AuthenticationImpl(this);
    this.addCustomApiVersionPolicy(apiVersion);
  }
  /** A function that adds a policy that sets the api-version (or equivalent) to reflect the library version. */
  addCustomApiVersionPolicy(apiVersion) {
    if (!apiVersion) {
      return;
    }
    const apiVersionPolicy = {
      name: "CustomApiVersionPolicy",
      async sendRequest(request, next) {
        const param = request.url.split("?");
        if (param.length > 1) {
          const newParams = param[1].split("&").map((item) => {
            if (item.indexOf("api-version") > -1) {
              return "api-version=" + apiVersion;
            } else {
              return item;
            }
          });
          request.url = param[0] + "?" + newParams.join("&");
        }
        return next(request);
      }
    };
    this.pipeline.addPolicy(apiVersionPolicy);
  }
  containerRegistry;
  containerRegistryBlob;
  authentication;
}


;// CONCATENATED MODULE: ./node_modules/@azure/container-registry/dist/esm/generated/index.js





// EXTERNAL MODULE: ./node_modules/@azure/core-tracing/dist/esm/index.js + 4 modules
var core_tracing_dist_esm = __webpack_require__(65433);
;// CONCATENATED MODULE: ./node_modules/@azure/container-registry/dist/esm/constants.js
const SDK_VERSION = "1.1.2";


;// CONCATENATED MODULE: ./node_modules/@azure/container-registry/dist/esm/tracing.js


const tracing_tracingClient = (0,core_tracing_dist_esm/* createTracingClient */.y)({
  namespace: "Microsoft.ContainerRegistry",
  packageName: "@azure/container-registry",
  packageVersion: SDK_VERSION
});


;// CONCATENATED MODULE: ./node_modules/@azure/container-registry/dist/esm/utils/helpers.js
function extractNextLink(value) {
  return value?.substr(1, value.indexOf(">") - 1);
}
function helpers_isDigest(tagOrDigest) {
  return tagOrDigest.includes(":");
}
async function helpers_readStreamToEnd(stream, maxLength) {
  const buffers = [];
  let bytesRead = 0;
  return new Promise((resolve, reject) => {
    stream.on("data", (chunk) => {
      buffers.push(chunk);
      bytesRead += chunk.length;
      if (maxLength && bytesRead > maxLength) {
        reject(new Error(`Stream exceeded maximum allowed length of ${maxLength} bytes.`));
      }
    });
    stream.on("end", () => resolve(Buffer.concat(buffers)));
    stream.on("error", (err) => reject(err));
  });
}
async function* helpers_readChunksFromStream(stream, chunkSize) {
  let chunk = Buffer.alloc(chunkSize);
  let chunkCursor = 0;
  for await (const data of stream) {
    const dataAsBuffer = Buffer.isBuffer(data) ? data : Buffer.from(data, "utf8");
    let dataCursor = 0;
    while (dataCursor < dataAsBuffer.length) {
      const bytesCopied = dataAsBuffer.copy(chunk, chunkCursor, dataCursor);
      dataCursor += bytesCopied;
      chunkCursor += bytesCopied;
      if (chunkCursor >= chunkSize) {
        yield chunk;
        chunkCursor = 0;
        chunk = Buffer.alloc(chunkSize);
      }
    }
  }
  if (chunkCursor > 0) {
    yield chunk.subarray(0, chunkCursor);
  }
}


;// CONCATENATED MODULE: ./node_modules/@azure/container-registry/dist/esm/utils/wwwAuthenticateParser.js
function parseWWWAuthenticate(wwwAuthenticate) {
  const pattern = /(\w+?)="(.*?)"/g;
  const value = {};
  let match;
  while ((match = pattern.exec(wwwAuthenticate)) !== null) {
    value[match[1]] = match[2];
  }
  return value;
}


;// CONCATENATED MODULE: ./node_modules/@azure/container-registry/dist/esm/utils/tokenCycler.js
function delay(t, value) {
  return new Promise((resolve) => setTimeout(() => resolve(value), t));
}
const DEFAULT_CYCLER_OPTIONS = {
  forcedRefreshWindowInMs: 1e3,
  // Force waiting for a refresh 1s before the token expires
  retryIntervalInMs: 3e3,
  // Allow refresh attempts every 3s
  refreshWindowInMs: 1e3 * 60 * 2
  // Start refreshing 2m before expiry
};
async function beginRefresh(getAccessToken, retryIntervalInMs, refreshTimeout) {
  async function tryGetAccessToken() {
    if (Date.now() < refreshTimeout) {
      try {
        return await getAccessToken();
      } catch {
        return null;
      }
    } else {
      const finalToken = await getAccessToken();
      if (finalToken === null) {
        throw new Error("Failed to refresh access token.");
      }
      return finalToken;
    }
  }
  let token = await tryGetAccessToken();
  while (token === null) {
    await delay(retryIntervalInMs);
    token = await tryGetAccessToken();
  }
  return token;
}
function createTokenCycler(credential, tokenCyclerOptions) {
  let refreshWorker = null;
  let token = null;
  const options = {
    ...DEFAULT_CYCLER_OPTIONS,
    ...tokenCyclerOptions
  };
  const cycler = {
    /**
     * Produces true if a refresh job is currently in progress.
     */
    get isRefreshing() {
      return refreshWorker !== null;
    },
    /**
     * Produces true if the cycler SHOULD refresh (we are within the refresh
     * window and not already refreshing)
     */
    get shouldRefresh() {
      return !cycler.isRefreshing && (token?.expiresOnTimestamp ?? 0) - options.refreshWindowInMs < Date.now();
    },
    /**
     * Produces true if the cycler MUST refresh (null or nearly-expired
     * token).
     */
    get mustRefresh() {
      return token === null || token.expiresOnTimestamp - options.forcedRefreshWindowInMs < Date.now();
    }
  };
  function refresh(scopes, getTokenOptions) {
    if (!cycler.isRefreshing) {
      const tryGetAccessToken = () => credential.getToken(scopes, getTokenOptions);
      refreshWorker = beginRefresh(
        tryGetAccessToken,
        options.retryIntervalInMs,
        // If we don't have a token, then we should timeout immediately
        token?.expiresOnTimestamp ?? Date.now()
      ).then((_token) => {
        refreshWorker = null;
        token = _token;
        return token;
      }).catch((reason) => {
        refreshWorker = null;
        token = null;
        throw reason;
      });
    }
    return refreshWorker;
  }
  return {
    get cachedToken() {
      return token || void 0;
    },
    getToken: async (scopes, tokenOptions) => {
      if (cycler.mustRefresh) return refresh(scopes, tokenOptions);
      if (cycler.shouldRefresh) {
        refresh(scopes, tokenOptions);
      }
      return token;
    }
  };
}


;// CONCATENATED MODULE: ./node_modules/@azure/container-registry/dist/esm/containerRegistryChallengeHandler.js


const fiveMinutesInMs = 5 * 60 * 1e3;
class containerRegistryChallengeHandler_ChallengeHandler {
  constructor(credential, options = {}) {
    this.credential = credential;
    this.options = options;
    this.cycler = createTokenCycler(credential, {
      refreshWindowInMs: fiveMinutesInMs
    });
  }
  cycler;
  cachedAcrAccessToken;
  authorizeRequest(options) {
    if (this.cachedAcrAccessToken) {
      options.request.headers.set("Authorization", `Bearer ${this.cachedAcrAccessToken}`);
    }
    return Promise.resolve();
  }
  /**
   * Updates  the authentication context based on the challenge.
   */
  async authorizeRequestOnChallenge(options) {
    const challenge = options.response?.headers.get("WWW-Authenticate");
    if (!challenge) {
      throw new Error("Failed to retrieve challenge from response headers");
    }
    const { service, scope } = parseWWWAuthenticate(challenge);
    if (!service) {
      throw new Error("Failed to retrieve 'service' from challenge");
    }
    if (!scope) {
      throw new Error("Failed to retrieve 'scope' from challenge");
    }
    let grantType;
    let acrRefreshToken;
    if (this.credential.isAnonymousAccess) {
      grantType = "password";
      acrRefreshToken = "";
    } else {
      grantType = "refresh_token";
      acrRefreshToken = (await this.cycler.getToken(scope, { ...options, service })).token;
    }
    const acrAccessToken = await this.credential.tokenService.ExchangeAcrRefreshTokenForAcrAccessTokenAsync(
      acrRefreshToken,
      service,
      scope,
      grantType,
      this.options
    );
    options.request.headers.set("Authorization", `Bearer ${acrAccessToken}`);
    this.cachedAcrAccessToken = acrAccessToken;
    return true;
  }
}


;// CONCATENATED MODULE: ./node_modules/@azure/container-registry/dist/esm/transformations.js
function toManifestWritableProperties(from) {
  return from ? {
    canDelete: from.canDelete,
    canList: from.canList,
    canRead: from.canRead,
    canWrite: from.canWrite
  } : void 0;
}
function toArtifactManifestProperties(from, repositoryName, registryLoginServer) {
  return {
    registryLoginServer,
    repositoryName,
    digest: from.digest,
    sizeInBytes: from.size,
    createdOn: from.createdOn,
    lastUpdatedOn: from.lastUpdatedOn,
    architecture: from.architecture ?? void 0,
    operatingSystem: from.operatingSystem ?? void 0,
    relatedArtifacts: from.relatedArtifacts ?? [],
    tags: from.tags ?? [],
    ...toManifestWritableProperties(from)
  };
}
function toServiceTagOrderBy(orderBy) {
  return orderBy === "LastUpdatedOnAscending" ? "timeasc" : orderBy === "LastUpdatedOnDescending" ? "timedesc" : void 0;
}
function toServiceManifestOrderBy(orderBy) {
  return orderBy === "LastUpdatedOnAscending" ? "timeasc" : orderBy === "LastUpdatedOnDescending" ? "timedesc" : void 0;
}


;// CONCATENATED MODULE: ./node_modules/@azure/container-registry/dist/esm/registryArtifact.js



class RegistryArtifactImpl {
  /**
   * Creates an instance of a RegistryArtifact.
   * @param registryEndpoint - the URL to the Container Registry endpoint
   * @param repositoryName - the name of the repository
   * @param tagOrDigest - the tag or digest of this artifact
   * @param client - the generated client that interacts with service
   */
  constructor(registryEndpoint, repositoryName, tagOrDigest, client) {
    this.tagOrDigest = tagOrDigest;
    this.registryEndpoint = registryEndpoint;
    this.repositoryName = repositoryName;
    const parsedUrl = new URL(registryEndpoint);
    if (helpers_isDigest(tagOrDigest)) {
      this.digest = tagOrDigest;
      this.fullyQualifiedReference = `${parsedUrl.hostname}/${repositoryName}@${this.digest}`;
    } else {
      this.fullyQualifiedReference = `${parsedUrl.hostname}/${repositoryName}:${tagOrDigest}`;
    }
    this.client = client;
  }
  client;
  /**
   * The Azure Container Registry endpoint.
   */
  registryEndpoint;
  /**
   * Repository name.
   */
  repositoryName;
  /**
   * Name of the form 'registry-login-server/repository-name\@digest' or
   *   'registry-login-server/repository-name:tag'
   */
  fullyQualifiedReference;
  digest;
  /**
   * digest of this artifact.
   */
  async getDigest() {
    if (this.digest) {
      return this.digest;
    }
    if (!helpers_isDigest(this.tagOrDigest)) {
      this.digest = (await this.getTagProperties(this.tagOrDigest)).digest;
    } else {
      this.digest = this.tagOrDigest;
    }
    return this.digest;
  }
  /**
   * Deletes this registry artifact by deleting its manifest.
   * @param options -
   */
  async delete(options = {}) {
    return tracing_tracingClient.withSpan(
      "RegistryArtifactImpl.delete",
      options,
      async (updatedOptions) => {
        await this.client.containerRegistry.deleteManifest(
          this.repositoryName,
          await this.getDigest(),
          updatedOptions
        );
      }
    );
  }
  /**
   * Deletes a tag. This removes the tag from the artifact and its manifest.
   * @param tag - the name of the tag to delete.
   * @param options -
   */
  async deleteTag(tag, options = {}) {
    if (!tag) {
      throw new Error("invalid tag");
    }
    return tracing_tracingClient.withSpan(
      "RegistryArtifactImpl.deleteTag",
      options,
      async (updatedOptions) => {
        await this.client.containerRegistry.deleteTag(this.repositoryName, tag, updatedOptions);
      }
    );
  }
  /**
   * Retrieves the properties of the manifest that uniquely identifies this artifact.
   * @param options -
   */
  async getManifestProperties(options = {}) {
    return tracing_tracingClient.withSpan(
      "RegistryArtifactImpl.getManifestProperties",
      options,
      async (updatedOptions) => {
        const result = await this.client.containerRegistry.getManifestProperties(
          this.repositoryName,
          await this.getDigest(),
          updatedOptions
        );
        return toArtifactManifestProperties(
          result,
          this.repositoryName,
          result.registryLoginServer
        );
      }
    );
  }
  /**
   * Updates the properties of the artifact's manifest.
   *
   * Example usage:
   *
   * ```ts snippet:RegistryArtifactUpdateManifestProperties
   * import { ContainerRegistryClient } from "@azure/container-registry";
   * import { DefaultAzureCredential } from "@azure/identity";
   *
   * const endpoint = "https://myregistryname.azurecr.io";
   * const repositoryName = "library/hello-world";
   * const artifactTagOrDigest = "latest";
   * const client = new ContainerRegistryClient(endpoint, new DefaultAzureCredential());
   *
   * const artifact = client.getArtifact(repositoryName, artifactTagOrDigest);
   * const updated = await artifact.updateManifestProperties({
   *   canDelete: false,
   *   canList: false,
   *   canRead: false,
   *   canWrite: false,
   * });
   * ```
   * @param options - options to update manifest properties
   */
  async updateManifestProperties(options) {
    return tracing_tracingClient.withSpan(
      "RegistryArtifactImpl.updateManifestProperties",
      {
        ...options,
        value: {
          canDelete: options.canDelete,
          canWrite: options.canWrite,
          canList: options.canList,
          canRead: options.canRead
        }
      },
      async (updatedOptions) => {
        const result = await this.client.containerRegistry.updateManifestProperties(
          this.repositoryName,
          await this.getDigest(),
          updatedOptions
        );
        return toArtifactManifestProperties(
          result,
          this.repositoryName,
          result.registryLoginServer
        );
      }
    );
  }
  /**
   * Retrieves the properties of the specified tag.
   * @param tag - the tag to retrieve properties.
   * @param options - options to get tag properties
   */
  async getTagProperties(tag, options = {}) {
    if (!tag) {
      throw new Error("invalid tag");
    }
    return tracing_tracingClient.withSpan(
      "RegistryArtifactImpl.getTagProperties",
      options,
      (updatedOptions) => {
        return this.client.containerRegistry.getTagProperties(
          this.repositoryName,
          tag,
          updatedOptions
        );
      }
    );
  }
  /**
   * Updates the properties of a given tag.
   *
   * Example usage:
   *
   * ```ts snippet:RegistryArtifactUpdateTagProperties
   * import { ContainerRegistryClient } from "@azure/container-registry";
   * import { DefaultAzureCredential } from "@azure/identity";
   *
   * const endpoint = "https://myregistryname.azurecr.io";
   * const repositoryName = "library/hello-world";
   * const artifactTagOrDigest = "latest";
   * const tag = "latest";
   * const client = new ContainerRegistryClient(endpoint, new DefaultAzureCredential());
   *
   * const artifact = client.getArtifact(repositoryName, artifactTagOrDigest);
   * const updated = await artifact.updateTagProperties(tag, {
   *   canDelete: false,
   *   canList: false,
   *   canRead: false,
   *   canWrite: false,
   * });
   * ```
   * @param tag - name of the tag to update properties on
   * @param options - options to update tag properties
   */
  async updateTagProperties(tag, options) {
    if (!tag) {
      throw new Error("invalid tag");
    }
    return tracing_tracingClient.withSpan(
      "RegistryArtifactImpl.updateTagProperties",
      {
        ...options,
        value: {
          canDelete: options.canDelete,
          canWrite: options.canWrite,
          canList: options.canList,
          canRead: options.canRead
        }
      },
      (updatedOptions) => {
        return this.client.containerRegistry.updateTagAttributes(
          this.repositoryName,
          tag,
          updatedOptions
        );
      }
    );
  }
  /**
   * Returns an async iterable iterator to list the tags that uniquely identify this artifact and the properties of each.
   *
   * Example using `for-await-of` syntax:
   *
   * ```ts snippet:RegistryArtifactListTagProperties
   * import { ContainerRegistryClient } from "@azure/container-registry";
   * import { DefaultAzureCredential } from "@azure/identity";
   *
   * const endpoint = "https://myregistryname.azurecr.io";
   * const repositoryName = "library/hello-world";
   * const artifactTagOrDigest = "latest";
   * const client = new ContainerRegistryClient(endpoint, new DefaultAzureCredential());
   *
   * const artifact = client.getArtifact(repositoryName, artifactTagOrDigest);
   * for await (const tag of artifact.listTagProperties()) {
   *   console.log("tag: ", tag);
   * }
   * ```
   *
   * @param options - options to list tags
   */
  listTagProperties(options = {}) {
    const iter = this.listTagsItems(options);
    return {
      next() {
        return iter.next();
      },
      [Symbol.asyncIterator]() {
        return this;
      },
      byPage: (settings = {}) => this.listTagsPage(settings, options)
    };
  }
  async *listTagsItems(options = {}) {
    for await (const page of this.listTagsPage({}, options)) {
      yield* page;
    }
  }
  async *listTagsPage(continuationState, options = {}) {
    const orderby = toServiceTagOrderBy(options.order);
    if (!continuationState.continuationToken) {
      const optionsComplete = {
        ...options,
        n: continuationState.maxPageSize,
        orderby
      };
      const currentPage = await this.client.containerRegistry.getTags(
        this.repositoryName,
        optionsComplete
      );
      continuationState.continuationToken = extractNextLink(currentPage.link);
      if (currentPage.tagAttributeBases) {
        const array = currentPage.tagAttributeBases.map((t) => {
          return {
            registryLoginServer: currentPage.registryLoginServer,
            repositoryName: currentPage.repository,
            ...t
          };
        });
        yield Object.defineProperty(array, "continuationToken", {
          value: continuationState.continuationToken,
          enumerable: true
        });
      }
    }
    while (continuationState.continuationToken) {
      const currentPage = await this.client.containerRegistry.getTagsNext(
        this.repositoryName,
        continuationState.continuationToken,
        options
      );
      continuationState.continuationToken = extractNextLink(currentPage.link);
      if (currentPage.tagAttributeBases) {
        const array = currentPage.tagAttributeBases.map((t) => {
          return {
            registryLoginServer: currentPage.registryLoginServer,
            repositoryName: currentPage.repository,
            ...t
          };
        });
        yield Object.defineProperty(array, "continuationToken", {
          value: continuationState.continuationToken,
          enumerable: true
        });
      }
    }
  }
}


;// CONCATENATED MODULE: ./node_modules/@azure/container-registry/dist/esm/containerRepository.js




class ContainerRepositoryImpl {
  client;
  /**
   * The Azure Container Registry endpoint.
   */
  registryEndpoint;
  /**
   * Repository name.
   */
  name;
  /**
   * Creates an instance of a ContainerRepository.
   * @param registryEndpoint - the URL to the Container Registry endpoint
   * @param name - the name of the repository
   * @param client - the generated client that interacts with service
   */
  constructor(registryEndpoint, name, client) {
    this.registryEndpoint = registryEndpoint;
    this.name = name;
    this.client = client;
  }
  /**
   * Deletes this repository and all artifacts that are part of its logical group.
   *
   * @param options - optional configuration for the operation
   */
  async delete(options = {}) {
    return tracing_tracingClient.withSpan(
      "ContainerRepositoryImpl.delete",
      options,
      async (updatedOptions) => {
        await this.client.containerRegistry.deleteRepository(this.name, updatedOptions);
      }
    );
  }
  /**
   * Returns an helper instance of {@link RegistryArtifact} for the given tag or digest.
   * @param tagOrDigest - the tag or digest of the artifact
   */
  getArtifact(tagOrDigest) {
    if (!tagOrDigest) {
      throw new Error("invalid tagOrDigest");
    }
    return new RegistryArtifactImpl(this.registryEndpoint, this.name, tagOrDigest, this.client);
  }
  /**
   * Retrieves the properties of this repository.
   * @param options - The options for the operation.
   */
  async getProperties(options = {}) {
    return tracing_tracingClient.withSpan(
      "ContainerRepositoryImpl.getProperties",
      options,
      (updatedOptions) => {
        return this.client.containerRegistry.getProperties(this.name, updatedOptions);
      }
    );
  }
  /**
   * Updates the properties of this repository.
   *
   * Example usage:
   *
   * ```ts snippet:ContainerRepositoryUpdateProperties
   * import { ContainerRegistryClient } from "@azure/container-registry";
   * import { DefaultAzureCredential } from "@azure/identity";
   *
   * const endpoint = "https://myregistryname.azurecr.io";
   * const repositoryName = "library/hello-world";
   * const client = new ContainerRegistryClient(endpoint, new DefaultAzureCredential());
   * const repository = client.getRepository(repositoryName);
   *
   * const updated = await repository.updateProperties({
   *   canDelete: false,
   *   canList: false,
   *   canRead: false,
   *   canWrite: false,
   * });
   * ```
   * @param options - The options for the operation.
   */
  async updateProperties(options) {
    const value = {
      canDelete: options.canDelete,
      canWrite: options.canWrite,
      canList: options.canList,
      canRead: options.canRead
    };
    return tracing_tracingClient.withSpan(
      "ContainerRepositoryImpl.updateProperties",
      { ...options, value },
      (updatedOptions) => {
        return this.client.containerRegistry.updateProperties(this.name, updatedOptions);
      }
    );
  }
  /**
   * Returns an async iterable iterator to list manifest properties.
   * This is useful for determining the collection of artifacts associated with
   * this repository, as each artifact is uniquely identified by its manifest.
   *
   * Example using `for-await-of` syntax:
   *
   * ```ts snippet:ContainerRepositoryListManifestProperties
   * import { ContainerRegistryClient } from "@azure/container-registry";
   * import { DefaultAzureCredential } from "@azure/identity";
   *
   * const endpoint = "https://myregistryname.azurecr.io";
   * const repositoryName = "library/hello-world";
   * const client = new ContainerRegistryClient(endpoint, new DefaultAzureCredential());
   * const repository = client.getRepository(repositoryName);
   *
   * for await (const manifest of repository.listManifestProperties()) {
   *   console.log("manifest: ", manifest);
   * }
   * ```
   *
   * @param options - The options for the operation.
   */
  listManifestProperties(options = {}) {
    const iter = this.listManifestsItems(options);
    return {
      next() {
        return iter.next();
      },
      [Symbol.asyncIterator]() {
        return this;
      },
      byPage: (settings = {}) => this.listManifestsPage(settings, options)
    };
  }
  async *listManifestsItems(options = {}) {
    for await (const page of this.listManifestsPage({}, options)) {
      yield* page;
    }
  }
  async *listManifestsPage(continuationState, options = {}) {
    const orderby = toServiceManifestOrderBy(options.order);
    if (!continuationState.continuationToken) {
      const optionsComplete = {
        ...options,
        n: continuationState.maxPageSize,
        orderby
      };
      const currentPage = await this.client.containerRegistry.getManifests(
        this.name,
        optionsComplete
      );
      continuationState.continuationToken = extractNextLink(currentPage.link);
      if (currentPage.manifests) {
        const array = currentPage.manifests.map(
          (t) => toArtifactManifestProperties(t, this.name, currentPage.registryLoginServer)
        );
        yield Object.defineProperty(array, "continuationToken", {
          value: continuationState.continuationToken,
          enumerable: true
        });
      }
    }
    while (continuationState.continuationToken) {
      const currentPage = await this.client.containerRegistry.getManifestsNext(
        this.name,
        continuationState.continuationToken,
        options
      );
      continuationState.continuationToken = extractNextLink(currentPage.link);
      if (currentPage.manifests) {
        const array = currentPage.manifests.map(
          (t) => toArtifactManifestProperties(t, this.name, currentPage.registryLoginServer)
        );
        yield Object.defineProperty(array, "continuationToken", {
          value: continuationState.continuationToken,
          enumerable: true
        });
      }
    }
  }
}


;// CONCATENATED MODULE: ./node_modules/@azure/container-registry/dist/esm/utils/base64.js
function base64decode(encodedString) {
  return Buffer.from(encodedString, "base64").toString();
}


;// CONCATENATED MODULE: ./node_modules/@azure/container-registry/dist/esm/containerRegistryTokenCredential.js

class containerRegistryTokenCredential_ContainerRegistryRefreshTokenCredential {
  constructor(authClient, authenticationScope, credential) {
    this.authenticationScope = authenticationScope;
    this.credential = credential;
    this.tokenService = new ContainerRegistryTokenService(authClient);
    this.isAnonymousAccess = !this.credential;
  }
  tokenService;
  isAnonymousAccess;
  async getToken(_scopes, options) {
    if (!this.credential) {
      return null;
    }
    const aadToken = await this.credential.getToken(this.authenticationScope, options);
    if (!aadToken) {
      throw new Error("Failed to retrieve AAD token.");
    }
    return this.tokenService.ExchangeAadAccessTokenForAcrRefreshTokenAsync(
      aadToken.token,
      options.service,
      options
    );
  }
}
class ContainerRegistryTokenService {
  constructor(authClient) {
    this.authClient = authClient;
  }
  async ExchangeAadAccessTokenForAcrRefreshTokenAsync(aadAccessToken, service, options) {
    const acrRefreshToken = await this.authClient.authentication.exchangeAadAccessTokenForAcrRefreshToken(
      "access_token",
      service,
      {
        ...options,
        accessToken: aadAccessToken
      }
    );
    if (!acrRefreshToken.refreshToken) {
      throw new Error("Failed to exchange AAD access token for an ACR refresh token.");
    }
    const jwtParts = acrRefreshToken.refreshToken.split(".");
    if (jwtParts.length < 3) {
      throw new Error("Invalid JWT structure from ACR refresh token.");
    }
    if (!jwtParts[1]) {
      throw new Error("Invalid JWT payload.");
    }
    const jwtPayload = JSON.parse(base64decode(jwtParts[1]));
    if (!jwtPayload.exp) {
      throw new Error("Invalid JWT payload structure. No expiration.");
    }
    const expiry = Number.parseInt(jwtPayload.exp) * 1e3;
    return {
      token: acrRefreshToken.refreshToken,
      expiresOnTimestamp: expiry
    };
  }
  async ExchangeAcrRefreshTokenForAcrAccessTokenAsync(acrRefreshToken, service, scope, grantType, options) {
    const acrAccessToken = await this.authClient.authentication.exchangeAcrRefreshTokenForAcrAccessToken(
      service,
      scope,
      acrRefreshToken,
      grantType,
      options
    );
    if (!acrAccessToken.accessToken) {
      throw new Error("Failed to exchange ACR refresh token for an ACR access token");
    }
    return acrAccessToken.accessToken;
  }
}


;// CONCATENATED MODULE: ./node_modules/@azure/container-registry/dist/esm/containerRegistryClient.js









const LATEST_API_VERSION = "2021-07-01";
class ContainerRegistryClient {
  /**
   * The Azure Container Registry endpoint.
   */
  endpoint;
  client;
  constructor(endpoint, credentialOrOptions, clientOptions = {}) {
    if (!endpoint) {
      throw new Error("invalid endpoint");
    }
    this.endpoint = endpoint;
    let credential;
    let options;
    if (isTokenCredential(credentialOrOptions)) {
      credential = credentialOrOptions;
      options = clientOptions;
    } else {
      options = credentialOrOptions ?? {};
    }
    const internalPipelineOptions = {
      ...options,
      redirectOptions: {
        allowCrossOriginRedirects: true,
        ...options?.redirectOptions
      },
      loggingOptions: {
        logger: logger_logger.info,
        // This array contains header names we want to log that are not already
        // included as safe. Unknown/unsafe headers are logged as "<REDACTED>".
        additionalAllowedQueryParameters: ["last", "n", "orderby", "digest"]
      }
    };
    const defaultScope = `${options.audience ?? "https://containerregistry.azure.net"}/.default`;
    const serviceVersion = options.serviceVersion ?? LATEST_API_VERSION;
    const authClient = new generatedClient_GeneratedClient(endpoint, serviceVersion, internalPipelineOptions);
    this.client = new generatedClient_GeneratedClient(endpoint, serviceVersion, internalPipelineOptions);
    this.client.pipeline.addPolicy(
      (0,dist_esm/* bearerTokenAuthenticationPolicy */.N$)({
        credential,
        scopes: [defaultScope],
        challengeCallbacks: new containerRegistryChallengeHandler_ChallengeHandler(
          new containerRegistryTokenCredential_ContainerRegistryRefreshTokenCredential(authClient, defaultScope, credential)
        )
      })
    );
  }
  /**
   * Deletes the repository identified by the given name and all associated artifacts.
   *
   * @param repositoryName - the name of repository to delete
   * @param options - optional configuration for the operation
   */
  async deleteRepository(repositoryName, options = {}) {
    if (!repositoryName) {
      throw new Error("invalid repositoryName");
    }
    return tracing_tracingClient.withSpan(
      "ContainerRegistryClient.deleteRepository",
      options,
      async (updatedOptions) => {
        await this.client.containerRegistry.deleteRepository(repositoryName, updatedOptions);
      }
    );
  }
  /**
   * Returns an instance of {@link RegistryArtifact} for calling service methods related to the artifact specified by `repositoryName` and `tagOrDigest`.
   *
   * @param repositoryName - the name of repository
   * @param tagOrDigest - tag or digest of the artifact to retrieve
   */
  getArtifact(repositoryName, tagOrDigest) {
    if (!repositoryName) {
      throw new Error("invalid repositoryName");
    }
    if (!tagOrDigest) {
      throw new Error("invalid tagOrDigest");
    }
    return new ContainerRepositoryImpl(this.endpoint, repositoryName, this.client).getArtifact(
      tagOrDigest
    );
  }
  /**
   * Returns an instance of {@link ContainerRepository} for calling service methods related to the repository specified by `repositoryName`.
   *
   * @param repositoryName - the name of repository
   */
  getRepository(repositoryName) {
    if (!repositoryName) {
      throw new Error("invalid repositoryName");
    }
    return new ContainerRepositoryImpl(this.endpoint, repositoryName, this.client);
  }
  /**
   * Returns an async iterable iterator to list names of repositories in this registry.
   *
   * Example usage:
   * ```ts snippet:SampleReadmeListRepositories
   * import { ContainerRegistryClient, KnownContainerRegistryAudience } from "@azure/container-registry";
   * import { DefaultAzureCredential } from "@azure/identity";
   *
   * const endpoint = "https://myregistryname.azurecr.io";
   * const client = new ContainerRegistryClient(endpoint, new DefaultAzureCredential(), {
   *   audience: KnownContainerRegistryAudience.AzureResourceManagerPublicCloud,
   * });
   *
   * const iterator = client.listRepositoryNames();
   * for await (const repository of iterator) {
   *   console.log(`  repository: ${repository}`);
   * }
   * ```
   *
   * @param options - The options for the request
   */
  listRepositoryNames(options = {}) {
    const iter = this.listRepositoryItems(options);
    return {
      next() {
        return iter.next();
      },
      [Symbol.asyncIterator]() {
        return this;
      },
      byPage: (settings = {}) => this.listRepositoriesPage(settings, options)
    };
  }
  async *listRepositoryItems(options = {}) {
    for await (const page of this.listRepositoriesPage({}, options)) {
      yield* page;
    }
  }
  async *listRepositoriesPage(continuationState, options = {}) {
    if (!continuationState.continuationToken) {
      const optionsComplete = {
        ...options,
        n: continuationState.maxPageSize
      };
      const currentPage = await this.client.containerRegistry.getRepositories(optionsComplete);
      continuationState.continuationToken = extractNextLink(currentPage.link);
      if (currentPage.repositories) {
        const array = currentPage.repositories;
        yield Object.defineProperty(array, "continuationToken", {
          value: continuationState.continuationToken,
          enumerable: true
        });
      }
    }
    while (continuationState.continuationToken) {
      const currentPage = await this.client.containerRegistry.getRepositoriesNext(
        continuationState.continuationToken,
        options
      );
      continuationState.continuationToken = extractNextLink(currentPage.link);
      if (currentPage.repositories) {
        const array = currentPage.repositories;
        yield Object.defineProperty(array, "continuationToken", {
          value: continuationState.continuationToken,
          enumerable: true
        });
      }
    }
  }
}


;// CONCATENATED MODULE: ./node_modules/@azure/container-registry/dist/esm/models.js
var KnownContainerRegistryAudience = /* @__PURE__ */ ((KnownContainerRegistryAudience2) => {
  KnownContainerRegistryAudience2["AzureResourceManagerChina"] = "https://management.chinacloudapi.cn";
  KnownContainerRegistryAudience2["AzureResourceManagerGermany"] = "https://management.microsoftazure.de";
  KnownContainerRegistryAudience2["AzureResourceManagerGovernment"] = "https://management.usgovcloudapi.net";
  KnownContainerRegistryAudience2["AzureResourceManagerPublicCloud"] = "https://management.azure.com";
  return KnownContainerRegistryAudience2;
})(KnownContainerRegistryAudience || {});
var models_KnownArtifactArchitecture = /* @__PURE__ */ ((KnownArtifactArchitecture2) => {
  KnownArtifactArchitecture2["I386"] = "386";
  KnownArtifactArchitecture2["Amd64"] = "amd64";
  KnownArtifactArchitecture2["Arm"] = "arm";
  KnownArtifactArchitecture2["Arm64"] = "arm64";
  KnownArtifactArchitecture2["Mips"] = "mips";
  KnownArtifactArchitecture2["MipsLe"] = "mipsle";
  KnownArtifactArchitecture2["Mips64"] = "mips64";
  KnownArtifactArchitecture2["Mips64Le"] = "mips64le";
  KnownArtifactArchitecture2["Ppc64"] = "ppc64";
  KnownArtifactArchitecture2["Ppc64Le"] = "ppc64le";
  KnownArtifactArchitecture2["RiscV64"] = "riscv64";
  KnownArtifactArchitecture2["S390X"] = "s390x";
  KnownArtifactArchitecture2["Wasm"] = "wasm";
  return KnownArtifactArchitecture2;
})(models_KnownArtifactArchitecture || {});
var models_KnownArtifactOperatingSystem = /* @__PURE__ */ ((KnownArtifactOperatingSystem2) => {
  KnownArtifactOperatingSystem2["Aix"] = "aix";
  KnownArtifactOperatingSystem2["Android"] = "android";
  KnownArtifactOperatingSystem2["Darwin"] = "darwin";
  KnownArtifactOperatingSystem2["Dragonfly"] = "dragonfly";
  KnownArtifactOperatingSystem2["FreeBsd"] = "freebsd";
  KnownArtifactOperatingSystem2["Illumos"] = "illumos";
  KnownArtifactOperatingSystem2["iOS"] = "ios";
  KnownArtifactOperatingSystem2["JS"] = "js";
  KnownArtifactOperatingSystem2["Linux"] = "linux";
  KnownArtifactOperatingSystem2["NetBsd"] = "netbsd";
  KnownArtifactOperatingSystem2["OpenBsd"] = "openbsd";
  KnownArtifactOperatingSystem2["Plan9"] = "plan9";
  KnownArtifactOperatingSystem2["Solaris"] = "solaris";
  KnownArtifactOperatingSystem2["Windows"] = "windows";
  return KnownArtifactOperatingSystem2;
})(models_KnownArtifactOperatingSystem || {});


;// CONCATENATED MODULE: ./node_modules/@azure/container-registry/dist/esm/content/models.js
var models_KnownManifestMediaType = /* @__PURE__ */ ((KnownManifestMediaType2) => {
  KnownManifestMediaType2["OciImageManifest"] = "application/vnd.oci.image.manifest.v1+json";
  KnownManifestMediaType2["DockerManifest"] = "application/vnd.docker.distribution.manifest.v2+json";
  return KnownManifestMediaType2;
})(models_KnownManifestMediaType || {});


// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
// EXTERNAL MODULE: external "node:buffer"
var external_node_buffer_ = __webpack_require__(4573);
;// CONCATENATED MODULE: ./node_modules/@azure/container-registry/dist/esm/utils/digest.js


function digest_calculateDigest(bufferOrStream) {
  const hash = crypto.createHash("sha256");
  if (Buffer.isBuffer(bufferOrStream)) {
    return Promise.resolve(`sha256:${hash.update(bufferOrStream).digest("hex")}`);
  } else {
    bufferOrStream.pipe(hash);
    return new Promise((resolve, reject) => {
      bufferOrStream.on("end", () => {
        hash.end();
        resolve(`sha256:${hash.digest("hex")}`);
      });
      bufferOrStream.on("error", (err) => reject(err));
    });
  }
}


// EXTERNAL MODULE: external "node:stream"
var external_node_stream_ = __webpack_require__(57075);
// EXTERNAL MODULE: ./node_modules/@azure/abort-controller/dist/esm/index.js + 1 modules
var abort_controller_dist_esm = __webpack_require__(65473);
;// CONCATENATED MODULE: ./node_modules/@azure/container-registry/dist/esm/utils/retriableReadableStream.js


class retriableReadableStream_RetriableReadableStream extends external_node_stream_.Readable {
  /**
   * Creates an instance of RetriableReadableStream.
   *
   * @param source - The current ReadableStream returned from getter
   * @param getter - A method calling downloading request returning
   *                                      a new ReadableStream from specified offset
   * @param offset - Offset position in original data source to read
   * @param count - How much data in original data source to read
   * @param options -
   */
  constructor(source, getter, offset, count, options = {}) {
    super({ highWaterMark: options.highWaterMark });
    this.source = source;
    this.getter = getter;
    this.offset = offset;
    this.getter = getter;
    this.start = offset;
    this.end = offset + count - 1;
    this.maxRetryRequests = options.maxRetryRequests && options.maxRetryRequests >= 0 ? options.maxRetryRequests : 0;
    this.onData = options.onData;
    this.onEnd = options.onEnd;
    this.onProgress = options.onProgress;
    this.options = options;
    this.setSourceEventHandlers();
  }
  start;
  end;
  retries = 0;
  maxRetryRequests;
  onData;
  onEnd;
  onProgress;
  options;
  _read() {
    this.source.resume();
  }
  setSourceEventHandlers() {
    this.source.on("data", this.sourceDataHandler);
    this.source.on("end", this.sourceErrorOrEndHandler);
    this.source.on("error", this.sourceErrorOrEndHandler);
    this.source.on("aborted", this.sourceAbortedHandler);
  }
  removeSourceEventHandlers() {
    this.source.removeListener("data", this.sourceDataHandler);
    this.source.removeListener("end", this.sourceErrorOrEndHandler);
    this.source.removeListener("error", this.sourceErrorOrEndHandler);
    this.source.removeListener("aborted", this.sourceAbortedHandler);
  }
  sourceDataHandler = (data) => {
    if (this.options.doInjectErrorOnce) {
      this.options.doInjectErrorOnce = void 0;
      this.source.pause();
      this.sourceErrorOrEndHandler();
      this.source.destroy();
      return;
    }
    this.offset += data.length;
    if (this.offset > this.end + 1) {
      this.destroy(
        new Error(
          `Data corruption failure: Received more data than original request, data needed offset is ${this.end}, received offset: ${this.offset - 1}`
        )
      );
    }
    this.onData?.(data);
    this.onProgress?.({ loadedBytes: this.offset - this.start });
    if (!this.push(data)) {
      this.source.pause();
    }
  };
  sourceAbortedHandler = () => {
    const abortError = new abort_controller_dist_esm/* AbortError */.l("The operation was aborted.");
    this.destroy(abortError);
  };
  sourceErrorOrEndHandler = (err) => {
    if (err && err.name === "AbortError") {
      this.destroy(err);
      return;
    }
    this.removeSourceEventHandlers();
    if (this.offset - 1 === this.end) {
      this.onEnd?.();
      this.push(null);
    } else if (this.offset <= this.end) {
      if (this.retries < this.maxRetryRequests) {
        this.retries += 1;
        this.getter(this.offset).then((newSource) => {
          this.source = newSource;
          this.setSourceEventHandlers();
          return;
        }).catch((error) => {
          this.destroy(error);
        });
      } else {
        this.destroy(
          new Error(
            `Data corruption failure: received less data than required and reached maxRetires limitation. Received data offset: ${this.offset - 1}, data needed offset: ${this.end}, retries: ${this.retries}, max retries: ${this.maxRetryRequests}`
          )
        );
      }
    } else {
      this.destroy(
        new Error(
          `Data corruption failure: Received more data than original request, data needed offset is ${this.end}, received offset: ${this.offset - 1}`
        )
      );
    }
  };
  _destroy(error, callback) {
    this.removeSourceEventHandlers();
    this.source.destroy();
    callback(error === null ? void 0 : error);
  }
}


;// CONCATENATED MODULE: ./node_modules/@azure/container-registry/dist/esm/content/containerRegistryContentClient.js












const containerRegistryContentClient_LATEST_API_VERSION = "2021-07-01";
const CHUNK_SIZE = (/* unused pure expression or super */ null && (4 * 1024 * 1024));
const MAX_MANIFEST_SIZE_BYTES = (/* unused pure expression or super */ null && (4 * 1024 * 1024));
const ACCEPTED_MANIFEST_MEDIA_TYPES = [
  models_KnownManifestMediaType.OciImageManifest,
  models_KnownManifestMediaType.DockerManifest,
  "application/vnd.oci.image.index.v1+json",
  "application/vnd.docker.distribution.manifest.list.v2+json",
  "application/vnd.docker.container.image.v1+json"
];
function isReadableStream(body) {
  return body && typeof body.pipe === "function";
}
function assertHasProperty(obj, property) {
  if (!Object.prototype.hasOwnProperty.call(obj, property)) {
    throw new RestError(`Expected property ${String(property)} to be defined.`);
  }
}
class DigestMismatchError extends Error {
  constructor(message) {
    super(message);
    this.name = "DigestMismatchError";
  }
}
class ContainerRegistryContentClient {
  /**
   * The Azure Container Registry endpoint.
   */
  endpoint;
  /**
   * The name of the repository that logically groups the artifact parts.
   */
  repositoryName;
  client;
  /**
   * Creates an instance of a ContainerRegistryContentClient for managing container images and artifacts.
   *
   * Example usage:
   * ```ts snippet:SampleReadmeCreateContainerRegistryContentClient
   * import { ContainerRegistryContentClient } from "@azure/container-registry";
   * import { DefaultAzureCredential } from "@azure/identity";
   *
   * const endpoint = "https://myregistryname.azurecr.io";
   * const repository = "library/hello-world";
   * const client = new ContainerRegistryContentClient(
   *   endpoint,
   *   repository,
   *   new DefaultAzureCredential(),
   * );
   * ```
   * @param endpoint - the URL endpoint of the container registry
   * @param repositoryName - the name of the repository that logically groups the artifact parts
   * @param credential - used to authenticate requests to the service
   * @param options - optional configuration used to send requests to the service
   */
  constructor(endpoint, repositoryName, credential, options = {}) {
    if (!endpoint) {
      throw new Error("invalid endpoint");
    }
    this.endpoint = endpoint;
    this.repositoryName = repositoryName;
    const internalPipelineOptions = {
      ...options,
      redirectOptions: {
        allowCrossOriginRedirects: true,
        ...options.redirectOptions
      },
      loggingOptions: {
        logger: logger.info,
        // This array contains header names we want to log that are not already
        // included as safe. Unknown/unsafe headers are logged as "<REDACTED>".
        additionalAllowedQueryParameters: [
          "last",
          "n",
          "orderby",
          "digest",
          "_nouploadcache",
          "_state"
        ]
      }
    };
    const defaultScope = `${options.audience ?? "https://containerregistry.azure.net"}/.default`;
    const serviceVersion = options.serviceVersion ?? containerRegistryContentClient_LATEST_API_VERSION;
    const authClient = new GeneratedClient(endpoint, serviceVersion, internalPipelineOptions);
    this.client = new GeneratedClient(endpoint, serviceVersion, internalPipelineOptions);
    this.client.pipeline.addPolicy(
      bearerTokenAuthenticationPolicy({
        credential,
        scopes: [defaultScope],
        challengeCallbacks: new ChallengeHandler(
          new ContainerRegistryRefreshTokenCredential(authClient, defaultScope, credential)
        )
      })
    );
  }
  /**
   * Delete a blob.
   * @param digest - the digest of the blob to delete
   * @param options - optional configuration used to send requests to the service
   */
  async deleteBlob(digest, options = {}) {
    return tracingClient.withSpan(
      "ContainerRegistryContentClient.deleteBlob",
      options,
      async (updatedOptions) => {
        await this.client.containerRegistryBlob.deleteBlob(
          this.repositoryName,
          digest,
          updatedOptions
        );
      }
    );
  }
  /**
   * Upload a manifest for an OCI artifact.
   *
   * @param manifest - the manifest to upload.
   */
  async setManifest(manifest, options = {}) {
    return tracingClient.withSpan(
      "ContainerRegistryContentClient.uploadManifest",
      options,
      async (updatedOptions) => {
        let manifestBody;
        let tagOrDigest = options?.tag;
        if (Buffer.isBuffer(manifest)) {
          manifestBody = manifest;
          tagOrDigest ??= await calculateDigest(manifest);
        } else if (isReadableStream(manifest)) {
          manifestBody = await readStreamToEnd(manifest);
          tagOrDigest ??= await calculateDigest(manifestBody);
        } else {
          manifestBody = Buffer.from(JSON.stringify(manifest));
          tagOrDigest ??= await calculateDigest(manifestBody);
        }
        const createManifestResult = await this.client.containerRegistry.createManifest(
          this.repositoryName,
          tagOrDigest,
          manifestBody,
          {
            contentType: options?.mediaType ?? KnownManifestMediaType.OciImageManifest,
            ...updatedOptions
          }
        );
        assertHasProperty(createManifestResult, "dockerContentDigest");
        return { digest: createManifestResult.dockerContentDigest };
      }
    );
  }
  /**
   * Downloads the manifest for an OCI artifact.
   *
   * @param tagOrDigest - a tag or digest that identifies the artifact
   * @returns - the downloaded manifest.
   */
  async getManifest(tagOrDigest, options = {}) {
    return tracingClient.withSpan(
      "ContainerRegistryContentClient.downloadManifest",
      options,
      async (updatedOptions) => {
        const response = await this.client.containerRegistry.getManifest(
          this.repositoryName,
          tagOrDigest,
          {
            accept: ACCEPTED_MANIFEST_MEDIA_TYPES.join(", "),
            ...updatedOptions
          }
        );
        assertHasProperty(response, "mediaType");
        const content = response.readableStreamBody ? await readStreamToEnd(response.readableStreamBody, MAX_MANIFEST_SIZE_BYTES) : Buffer.alloc(0);
        const expectedDigest = await calculateDigest(content);
        if (isDigest(tagOrDigest) && expectedDigest !== tagOrDigest) {
          throw new DigestMismatchError(
            "Digest of downloaded manifest does not match the input digest"
          );
        }
        if (response.dockerContentDigest !== expectedDigest) {
          throw new DigestMismatchError(
            "Computed digest of downloaded manifest does not match the value of the Docker-Content-Digest header"
          );
        }
        return {
          digest: response.dockerContentDigest,
          mediaType: response.mediaType,
          content,
          manifest: JSON.parse(content.toString("utf-8"))
        };
      }
    );
  }
  /**
   * Delete a manifest. Doing so effectively deletes an artifact from the registry.
   *
   * @param digest - the digest of the manifest to delete
   * @param options - optional configuration used to send requests to the service
   */
  async deleteManifest(digest, options = {}) {
    return tracingClient.withSpan(
      "ContainerRegistryContentClient.deleteManifest",
      options,
      async (updatedOptions) => {
        await this.client.containerRegistry.deleteManifest(
          this.repositoryName,
          digest,
          updatedOptions
        );
      }
    );
  }
  /**
   * Upload an artifact blob.
   *
   * @param blobStream - the stream containing the blob data.
   */
  async uploadBlob(blob, options = {}) {
    return tracingClient.withSpan(
      "ContainerRegistryContentClient.uploadBlob",
      options,
      async (updatedOptions) => {
        const blobStream = Buffer.isBuffer(blob) ? Readable.from(blob) : blob;
        const startUploadResult = await this.client.containerRegistryBlob.startUpload(
          this.repositoryName,
          updatedOptions
        );
        assertHasProperty(startUploadResult, "location");
        let location = startUploadResult.location.substring(1);
        const chunks = readChunksFromStream(blobStream, CHUNK_SIZE);
        const hash = crypto.createHash("sha256");
        let bytesUploaded = 0;
        for await (const chunk of chunks) {
          hash.write(chunk);
          const result = await this.client.containerRegistryBlob.uploadChunk(
            location,
            chunk,
            updatedOptions
          );
          bytesUploaded += chunk.byteLength;
          assertHasProperty(result, "location");
          location = result.location.substring(1);
        }
        hash.end();
        const digest = `sha256:${hash.digest("hex")}`;
        const { dockerContentDigest: digestFromResponse } = await this.client.containerRegistryBlob.completeUpload(digest, location, updatedOptions);
        if (digest !== digestFromResponse) {
          throw new DigestMismatchError(
            "Digest of blob to upload does not match the digest from the server."
          );
        }
        return { digest, sizeInBytes: bytesUploaded };
      }
    );
  }
  /**
   * Download a blob that is part of an artifact.
   *
   * @param digest - the digest of the blob to download
   * @param options - optional configuration used to send requests to the service
   * @returns - the downloaded blob
   */
  async downloadBlob(digest, options = {}) {
    return tracingClient.withSpan(
      "ContainerRegistryContentClient.downloadBlob",
      options,
      async (updatedOptions) => {
        const initialResponse = await this.client.containerRegistryBlob.getBlob(
          this.repositoryName,
          digest,
          updatedOptions
        );
        assertHasProperty(initialResponse, "readableStreamBody");
        assertHasProperty(initialResponse, "contentLength");
        const hash = crypto.createHash("sha256");
        return {
          digest,
          content: new RetriableReadableStream(
            initialResponse.readableStreamBody,
            async (pos) => {
              const retryResponse = await this.client.containerRegistryBlob.getChunk(
                this.repositoryName,
                digest,
                `${pos}-`,
                updatedOptions
              );
              assertHasProperty(retryResponse, "readableStreamBody");
              return retryResponse.readableStreamBody;
            },
            0,
            initialResponse.contentLength,
            {
              onData: (data) => hash.write(data),
              onEnd: () => {
                hash.end();
                const calculatedDigest = `sha256:${hash.digest("hex")}`;
                if (digest !== calculatedDigest) {
                  throw new DigestMismatchError(
                    "Digest calculated from downloaded blob content does not match digest requested."
                  );
                }
              }
            }
          )
        };
      }
    );
  }
}


;// CONCATENATED MODULE: ./node_modules/@azure/container-registry/dist/esm/content/index.js



;// CONCATENATED MODULE: ./node_modules/@azure/container-registry/dist/esm/index.js





/***/ })

};

//# sourceMappingURL=659.index.js.map