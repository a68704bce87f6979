/* tslint:disable */
/* eslint-disable */
// WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
import type { TsoaRoute } from '@tsoa/runtime';
import {  fetchMiddlewares, ExpressTemplateService } from '@tsoa/runtime';
// WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
import { TokensController } from './../../tokens/tokens-controller.js';
// WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
import { SensorsController } from './../../sensors/sensors-controller.js';
// WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
import { ScansController } from './../../scans/scans-controller.js';
// WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
import { ProbesController } from './../controllers/probes-controller.js';
// WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
import { HealthController } from './../controllers/health-controller.js';
// WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
import { FingerprintsController } from './../controllers/fingerprints-controller.js';
// WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
import { CatalogsController } from './../../catalogs/catalogs-controller.js';
// WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
import { HistoryController } from './../../assets/history-controller.js';
// WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
import { AssetsController } from './../../assets/assets-controller.js';
import { expressAuthentication } from './../../auth/tsoa-authentication.js';
// @ts-ignore - no great way to install types from subpackage
import { iocContainer } from './../ioc.js';
import type { IocContainer, IocContainerFactory } from '@tsoa/runtime';
import type { Request as ExRequest, Response as ExResponse, RequestHandler, Router } from 'express';

const expressAuthenticationRecasted = expressAuthentication as (req: ExRequest, securityName: string, scopes?: string[], res?: ExResponse) => Promise<any>;


// WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa

const models: TsoaRoute.Models = {
    "TokenScope": {
        "dataType": "refAlias",
        "type": {"dataType":"union","subSchemas":[{"dataType":"enum","enums":["scans:read"]},{"dataType":"enum","enums":["scans:write"]},{"dataType":"enum","enums":["scans:intrusive"]},{"dataType":"enum","enums":["admin"]}],"validators":{}},
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "MintedToken": {
        "dataType": "refObject",
        "properties": {
            "id": {"dataType":"string","required":true},
            "name": {"dataType":"string","required":true},
            "sub": {"dataType":"string","required":true},
            "scopes": {"dataType":"array","array":{"dataType":"refAlias","ref":"TokenScope"},"required":true},
            "createdAt": {"dataType":"string","required":true},
            "expiresAt": {"dataType":"string","required":true},
            "createdBy": {"dataType":"string","required":true},
            "revokedAt": {"dataType":"string"},
            "token": {"dataType":"string","required":true},
        },
        "additionalProperties": false,
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "FieldError": {
        "dataType": "refObject",
        "properties": {
            "path": {"dataType":"string","required":true},
            "message": {"dataType":"string","required":true},
        },
        "additionalProperties": false,
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "Problem": {
        "dataType": "refObject",
        "properties": {
            "type": {"dataType":"string","required":true},
            "title": {"dataType":"string","required":true},
            "status": {"dataType":"double","required":true},
            "detail": {"dataType":"string","required":true},
            "code": {"dataType":"string","required":true},
            "errors": {"dataType":"array","array":{"dataType":"refObject","ref":"FieldError"}},
        },
        "additionalProperties": {"dataType":"any"},
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "TokenInput": {
        "dataType": "refObject",
        "properties": {
            "name": {"dataType":"string","required":true,"validators":{"pattern":{"value":"^[A-Za-z0-9][A-Za-z0-9_.@-]{0,63}$"}}},
            "scopes": {"dataType":"array","array":{"dataType":"refAlias","ref":"TokenScope"},"required":true,"validators":{"minItems":{"value":1}}},
            "expiresInDays": {"dataType":"integer","validators":{"minimum":{"value":1},"maximum":{"value":366}}},
        },
        "additionalProperties": false,
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "TokenRecord": {
        "dataType": "refObject",
        "properties": {
            "id": {"dataType":"string","required":true},
            "name": {"dataType":"string","required":true},
            "sub": {"dataType":"string","required":true},
            "scopes": {"dataType":"array","array":{"dataType":"refAlias","ref":"TokenScope"},"required":true},
            "createdAt": {"dataType":"string","required":true},
            "expiresAt": {"dataType":"string","required":true},
            "createdBy": {"dataType":"string","required":true},
            "revokedAt": {"dataType":"string"},
        },
        "additionalProperties": false,
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "ResourceId": {
        "dataType": "refAlias",
        "type": {"dataType":"string","validators":{"minLength":{"value":1},"maxLength":{"value":255},"pattern":{"errorMsg":"is not an id","value":"^([^.][\\s\\S]*|\\.[^.][\\s\\S]*|\\.\\.[\\s\\S]+)$"}}},
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "SensorInfo": {
        "dataType": "refObject",
        "properties": {
            "id": {"dataType":"string","required":true},
            "site": {"dataType":"string","required":true},
            "cidrs": {"dataType":"array","array":{"dataType":"string"},"required":true},
            "version": {"dataType":"string","required":true},
            "capacity": {"dataType":"double","required":true},
            "running": {"dataType":"double","required":true},
            "interface": {"dataType":"string"},
            "host": {"dataType":"string","required":true},
            "pid": {"dataType":"double","required":true},
            "tools": {"dataType":"nestedObjectLiteral","nestedProperties":{"nmap":{"dataType":"boolean","required":true}},"required":true},
            "startedAt": {"dataType":"string","required":true},
            "lastSeenAt": {"dataType":"string","required":true},
        },
        "additionalProperties": false,
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "SensorList": {
        "dataType": "refObject",
        "properties": {
            "mode": {"dataType":"union","subSchemas":[{"dataType":"enum","enums":["embedded"]},{"dataType":"enum","enums":["queue"]}],"required":true},
            "items": {"dataType":"array","array":{"dataType":"refObject","ref":"SensorInfo"},"required":true},
        },
        "additionalProperties": false,
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "ResultStatus": {
        "dataType": "refAlias",
        "type": {"dataType":"union","subSchemas":[{"dataType":"enum","enums":["ok"]},{"dataType":"enum","enums":["closed"]},{"dataType":"enum","enums":["timeout"]},{"dataType":"enum","enums":["unreachable"]},{"dataType":"enum","enums":["malformed"]},{"dataType":"enum","enums":["error"]}],"validators":{}},
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "HttpFacts": {
        "dataType": "refObject",
        "properties": {
            "status": {"dataType":"double","required":true},
            "reason": {"dataType":"string","required":true},
            "server": {"dataType":"string"},
            "title": {"dataType":"string"},
            "realm": {"dataType":"string"},
            "authenticate": {"dataType":"string"},
            "cookies": {"dataType":"array","array":{"dataType":"string"}},
            "contentType": {"dataType":"string"},
        },
        "additionalProperties": false,
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "SshFacts": {
        "dataType": "refObject",
        "properties": {
            "protocol": {"dataType":"string","required":true},
            "software": {"dataType":"string","required":true},
            "comments": {"dataType":"string"},
        },
        "additionalProperties": false,
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "RtspFacts": {
        "dataType": "refObject",
        "properties": {
            "status": {"dataType":"double","required":true},
            "server": {"dataType":"string"},
            "public": {"dataType":"array","array":{"dataType":"string"}},
        },
        "additionalProperties": false,
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "LineFacts": {
        "dataType": "refObject",
        "properties": {
            "code": {"dataType":"double"},
            "text": {"dataType":"string","required":true},
            "screen": {"dataType":"string"},
        },
        "additionalProperties": false,
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "BannerData": {
        "dataType": "refObject",
        "properties": {
            "service": {"dataType":"string"},
            "product": {"dataType":"string"},
            "version": {"dataType":"string"},
            "os": {"dataType":"string"},
            "http": {"ref":"HttpFacts"},
            "ssh": {"ref":"SshFacts"},
            "rtsp": {"ref":"RtspFacts"},
            "ftp": {"ref":"LineFacts"},
            "smtp": {"ref":"LineFacts"},
            "pop3": {"ref":"LineFacts"},
            "imap": {"ref":"LineFacts"},
            "telnet": {"ref":"LineFacts"},
            "port": {"dataType":"integer","required":true},
            "banner": {"dataType":"string","required":true},
            "bytes": {"dataType":"integer","required":true},
            "cut": {"dataType":"union","subSchemas":[{"dataType":"enum","enums":["size"]},{"dataType":"enum","enums":["deadline"]}]},
            "request": {"dataType":"string"},
            "reset": {"dataType":"boolean"},
        },
        "additionalProperties": false,
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "NmapPort": {
        "dataType": "refObject",
        "properties": {
            "port": {"dataType":"double","required":true},
            "protocol": {"dataType":"string","required":true},
            "state": {"dataType":"string","required":true},
            "reason": {"dataType":"string"},
            "name": {"dataType":"string"},
            "product": {"dataType":"string"},
            "version": {"dataType":"string"},
            "extrainfo": {"dataType":"string"},
            "ostype": {"dataType":"string"},
            "devicetype": {"dataType":"string"},
            "cpe": {"dataType":"array","array":{"dataType":"string"},"required":true},
            "method": {"dataType":"string"},
            "conf": {"dataType":"integer"},
        },
        "additionalProperties": false,
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "NmapData": {
        "dataType": "refObject",
        "properties": {
            "kind": {"dataType":"enum","enums":["nmap"],"required":true},
            "nmap": {"dataType":"nestedObjectLiteral","nestedProperties":{"packetsCounted":{"dataType":"integer","required":true},"elapsedSeconds":{"dataType":"double"},"timedOut":{"dataType":"boolean","required":true},"ports":{"dataType":"array","array":{"dataType":"refObject","ref":"NmapPort"},"required":true},"args":{"dataType":"array","array":{"dataType":"string"},"required":true},"version":{"dataType":"string"}},"required":true},
        },
        "additionalProperties": false,
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "TcpBannerData": {
        "dataType": "refAlias",
        "type": {"dataType":"union","subSchemas":[{"ref":"BannerData"},{"ref":"NmapData"}],"validators":{}},
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "Varbind": {
        "dataType": "refObject",
        "properties": {
            "oid": {"dataType":"string","required":true},
            "type": {"dataType":"string","required":true},
            "value": {"dataType":"union","subSchemas":[{"dataType":"string"},{"dataType":"double"},{"dataType":"boolean"},{"dataType":"enum","enums":[null]}],"required":true},
            "encoding": {"dataType":"enum","enums":["hex"]},
            "text": {"dataType":"string"},
        },
        "additionalProperties": false,
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "SnmpData": {
        "dataType": "refObject",
        "properties": {
            "operation": {"dataType":"union","subSchemas":[{"dataType":"enum","enums":["get"]},{"dataType":"enum","enums":["getBulk"]},{"dataType":"enum","enums":["walk"]}],"required":true},
            "version": {"dataType":"union","subSchemas":[{"dataType":"enum","enums":["1"]},{"dataType":"enum","enums":["2c"]},{"dataType":"enum","enums":["3"]}],"required":true},
            "varbinds": {"dataType":"array","array":{"dataType":"refObject","ref":"Varbind"},"required":true},
            "cut": {"dataType":"union","subSchemas":[{"dataType":"enum","enums":["maxVarbinds"]},{"dataType":"enum","enums":["deadline"]}]},
        },
        "additionalProperties": false,
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "SrvValue": {
        "dataType": "refObject",
        "properties": {
            "priority": {"dataType":"double","required":true},
            "weight": {"dataType":"double","required":true},
            "port": {"dataType":"double","required":true},
            "target": {"dataType":"string","required":true},
        },
        "additionalProperties": false,
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "MdnsRecord": {
        "dataType": "refObject",
        "properties": {
            "section": {"dataType":"union","subSchemas":[{"dataType":"enum","enums":["answer"]},{"dataType":"enum","enums":["additional"]}],"required":true},
            "name": {"dataType":"string","required":true},
            "type": {"dataType":"string","required":true},
            "ttl": {"dataType":"double","required":true},
            "value": {"dataType":"string"},
            "srv": {"ref":"SrvValue"},
            "txt": {"dataType":"nestedObjectLiteral","nestedProperties":{},"additionalProperties":{"dataType":"union","subSchemas":[{"dataType":"string"},{"dataType":"boolean"}]}},
        },
        "additionalProperties": false,
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "MdnsService": {
        "dataType": "refObject",
        "properties": {
            "instance": {"dataType":"string","required":true},
            "type": {"dataType":"string","required":true},
            "host": {"dataType":"string"},
            "port": {"dataType":"double"},
            "txt": {"dataType":"nestedObjectLiteral","nestedProperties":{},"additionalProperties":{"dataType":"union","subSchemas":[{"dataType":"string"},{"dataType":"boolean"}]},"required":true},
            "addresses": {"dataType":"array","array":{"dataType":"string"},"required":true},
        },
        "additionalProperties": false,
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "MdnsData": {
        "dataType": "refObject",
        "properties": {
            "name": {"dataType":"string","required":true},
            "recordType": {"dataType":"string","required":true},
            "mode": {"dataType":"union","subSchemas":[{"dataType":"enum","enums":["multicast"]},{"dataType":"enum","enums":["unicast"]}],"required":true},
            "records": {"dataType":"array","array":{"dataType":"refObject","ref":"MdnsRecord"},"required":true},
            "services": {"dataType":"array","array":{"dataType":"refObject","ref":"MdnsService"},"required":true},
            "hostnames": {"dataType":"array","array":{"dataType":"string"},"required":true},
            "duplicates": {"dataType":"double","required":true},
            "malformedDatagrams": {"dataType":"double"},
            "followUp": {"dataType":"boolean"},
        },
        "additionalProperties": false,
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "SsdpResponse": {
        "dataType": "refObject",
        "properties": {
            "st": {"dataType":"string"},
            "usn": {"dataType":"string"},
            "location": {"dataType":"string"},
            "server": {"dataType":"string"},
            "maxAge": {"dataType":"double"},
            "headers": {"dataType":"nestedObjectLiteral","nestedProperties":{},"additionalProperties":{"dataType":"string"},"required":true},
        },
        "additionalProperties": false,
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "UpnpDevice": {
        "dataType": "refObject",
        "properties": {
            "deviceType": {"dataType":"string"},
            "friendlyName": {"dataType":"string"},
            "manufacturer": {"dataType":"string"},
            "manufacturerURL": {"dataType":"string"},
            "modelName": {"dataType":"string"},
            "modelNumber": {"dataType":"string"},
            "modelDescription": {"dataType":"string"},
            "serialNumber": {"dataType":"string"},
            "UDN": {"dataType":"string"},
        },
        "additionalProperties": false,
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "DescriptionResult": {
        "dataType": "refObject",
        "properties": {
            "location": {"dataType":"string","required":true},
            "status": {"dataType":"union","subSchemas":[{"dataType":"enum","enums":["ok"]},{"dataType":"enum","enums":["skipped"]},{"dataType":"enum","enums":["error"]}],"required":true},
            "reason": {"dataType":"string"},
            "httpStatus": {"dataType":"double"},
            "device": {"ref":"UpnpDevice"},
        },
        "additionalProperties": false,
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "SsdpData": {
        "dataType": "refObject",
        "properties": {
            "mode": {"dataType":"union","subSchemas":[{"dataType":"enum","enums":["multicast"]},{"dataType":"enum","enums":["unicast"]}],"required":true},
            "st": {"dataType":"string","required":true},
            "mx": {"dataType":"double","required":true},
            "responses": {"dataType":"array","array":{"dataType":"refObject","ref":"SsdpResponse"},"required":true},
            "duplicates": {"dataType":"double","required":true},
            "malformedDatagrams": {"dataType":"double"},
            "descriptions": {"dataType":"array","array":{"dataType":"refObject","ref":"DescriptionResult"}},
        },
        "additionalProperties": false,
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "WsdMatch": {
        "dataType": "refObject",
        "properties": {
            "address": {"dataType":"string"},
            "types": {"dataType":"array","array":{"dataType":"string"},"required":true},
            "scopes": {"dataType":"array","array":{"dataType":"string"},"required":true},
            "xaddrs": {"dataType":"array","array":{"dataType":"string"},"required":true},
            "metadataVersion": {"dataType":"double"},
        },
        "additionalProperties": false,
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "OnvifScopes": {
        "dataType": "refObject",
        "properties": {
            "hardware": {"dataType":"string"},
            "name": {"dataType":"string"},
            "locations": {"dataType":"array","array":{"dataType":"string"}},
            "types": {"dataType":"array","array":{"dataType":"string"}},
            "profiles": {"dataType":"array","array":{"dataType":"string"}},
        },
        "additionalProperties": false,
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "WsdEndpoint": {
        "dataType": "refObject",
        "properties": {
            "port": {"dataType":"double","required":true},
            "protocol": {"dataType":"enum","enums":["tcp"],"required":true},
            "name": {"dataType":"union","subSchemas":[{"dataType":"enum","enums":["http"]},{"dataType":"enum","enums":["https"]}],"required":true},
        },
        "additionalProperties": false,
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "WsDiscoveryData": {
        "dataType": "refObject",
        "properties": {
            "mode": {"dataType":"union","subSchemas":[{"dataType":"enum","enums":["multicast"]},{"dataType":"enum","enums":["unicast"]}],"required":true},
            "types": {"dataType":"array","array":{"dataType":"string"},"required":true},
            "messageId": {"dataType":"string","required":true},
            "matches": {"dataType":"array","array":{"dataType":"refObject","ref":"WsdMatch"},"required":true},
            "onvif": {"ref":"OnvifScopes"},
            "endpoints": {"dataType":"array","array":{"dataType":"refObject","ref":"WsdEndpoint"},"required":true},
            "duplicates": {"dataType":"double","required":true},
            "unrelated": {"dataType":"double"},
            "malformedDatagrams": {"dataType":"double"},
            "resolved": {"dataType":"boolean"},
        },
        "additionalProperties": false,
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "MatchLevel": {
        "dataType": "refAlias",
        "type": {"dataType":"union","subSchemas":[{"dataType":"enum","enums":["candidate"]},{"dataType":"enum","enums":["consistent"]},{"dataType":"enum","enums":["exact"]},{"dataType":"enum","enums":["unknown"]}],"validators":{}},
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "PortState": {
        "dataType": "refAlias",
        "type": {"dataType":"union","subSchemas":[{"dataType":"enum","enums":["open"]},{"dataType":"enum","enums":["closed"]}],"validators":{}},
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "ClassifyData": {
        "dataType": "refObject",
        "properties": {
            "match": {"ref":"MatchLevel","required":true},
            "device": {"dataType":"string"},
            "candidates": {"dataType":"array","array":{"dataType":"string"}},
            "signature": {"dataType":"array","array":{"dataType":"double"}},
            "nearest": {"dataType":"array","array":{"dataType":"nestedObjectLiteral","nestedProperties":{"disagreeing":{"dataType":"array","array":{"dataType":"double"},"required":true},"type":{"dataType":"string","required":true}}}},
            "unchecked": {"dataType":"array","array":{"dataType":"double"},"required":true},
            "uncheckedPorts": {"dataType":"integer","required":true},
            "probes": {"dataType":"integer","required":true},
            "roundTrips": {"dataType":"integer","required":true},
            "path": {"dataType":"array","array":{"dataType":"nestedObjectLiteral","nestedProperties":{"state":{"ref":"PortState","required":true},"port":{"dataType":"double","required":true}}},"required":true},
            "catalog": {"dataType":"string","required":true},
            "filtered": {"dataType":"integer","required":true},
        },
        "additionalProperties": false,
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "ResultData": {
        "dataType": "refAlias",
        "type": {"dataType":"union","subSchemas":[{"ref":"TcpBannerData"},{"ref":"SnmpData"},{"ref":"MdnsData"},{"ref":"SsdpData"},{"ref":"WsDiscoveryData"},{"ref":"ClassifyData"}],"validators":{}},
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "ProbeResult": {
        "dataType": "refObject",
        "properties": {
            "seq": {"dataType":"integer","required":true},
            "target": {"dataType":"string","required":true},
            "probe": {"dataType":"string","required":true},
            "port": {"dataType":"integer"},
            "protocol": {"dataType":"union","subSchemas":[{"dataType":"enum","enums":["tcp"]},{"dataType":"enum","enums":["udp"]}]},
            "attempt": {"dataType":"integer","required":true},
            "tries": {"dataType":"integer","required":true},
            "status": {"ref":"ResultStatus","required":true},
            "rttMs": {"dataType":"double"},
            "observedAt": {"dataType":"string","required":true},
            "data": {"ref":"ResultData"},
            "error": {"dataType":"nestedObjectLiteral","nestedProperties":{"message":{"dataType":"string","required":true},"code":{"dataType":"string","required":true}}},
            "raw": {"dataType":"string"},
            "rawTruncated": {"dataType":"boolean"},
        },
        "additionalProperties": false,
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "Service": {
        "dataType": "refObject",
        "properties": {
            "port": {"dataType":"integer","required":true},
            "protocol": {"dataType":"union","subSchemas":[{"dataType":"enum","enums":["tcp"]},{"dataType":"enum","enums":["udp"]}],"required":true},
            "name": {"dataType":"string"},
            "vendor": {"dataType":"string"},
            "product": {"dataType":"string"},
            "version": {"dataType":"string"},
            "banner": {"dataType":"string"},
            "cpe": {"dataType":"array","array":{"dataType":"string"}},
        },
        "additionalProperties": false,
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "FingerprintRef": {
        "dataType": "refObject",
        "properties": {
            "database": {"dataType":"string","required":true},
            "file": {"dataType":"string","required":true},
            "description": {"dataType":"string","required":true},
        },
        "additionalProperties": false,
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "Confidence": {
        "dataType": "refAlias",
        "type": {"dataType":"union","subSchemas":[{"dataType":"enum","enums":["stated"]},{"dataType":"enum","enums":["registry"]},{"dataType":"enum","enums":["inferred"]}],"validators":{}},
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "FactClaim": {
        "dataType": "refObject",
        "properties": {
            "value": {"dataType":"string","required":true},
            "fingerprint": {"ref":"FingerprintRef"},
            "source": {"dataType":"string","required":true},
            "seq": {"dataType":"integer"},
            "observedAt": {"dataType":"string","required":true},
            "confidence": {"ref":"Confidence","required":true},
        },
        "additionalProperties": false,
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "FactSource": {
        "dataType": "refObject",
        "properties": {
            "source": {"dataType":"string","required":true},
            "fingerprint": {"ref":"FingerprintRef"},
            "seq": {"dataType":"integer"},
            "observedAt": {"dataType":"string","required":true},
            "confidence": {"ref":"Confidence","required":true},
            "others": {"dataType":"array","array":{"dataType":"refObject","ref":"FactClaim"}},
        },
        "additionalProperties": false,
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "ChangeKind": {
        "dataType": "refAlias",
        "type": {"dataType":"union","subSchemas":[{"dataType":"enum","enums":["asset.new"]},{"dataType":"enum","enums":["service.opened"]},{"dataType":"enum","enums":["service.closed"]},{"dataType":"enum","enums":["service.changed"]},{"dataType":"enum","enums":["mac.changed"]},{"dataType":"enum","enums":["hostname.changed"]},{"dataType":"enum","enums":["manufacturer.changed"]},{"dataType":"enum","enums":["model.changed"]},{"dataType":"enum","enums":["os.changed"]},{"dataType":"enum","enums":["type.changed"]}],"validators":{}},
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "ServiceState": {
        "dataType": "refObject",
        "properties": {
            "state": {"dataType":"union","subSchemas":[{"dataType":"enum","enums":["open"]},{"dataType":"enum","enums":["closed"]}],"required":true},
            "name": {"dataType":"string"},
            "product": {"dataType":"string"},
            "version": {"dataType":"string"},
        },
        "additionalProperties": false,
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "ChangeSide": {
        "dataType": "refObject",
        "properties": {
            "value": {"dataType":"string"},
            "source": {"dataType":"string"},
            "service": {"ref":"ServiceState"},
            "scanId": {"dataType":"string","required":true},
            "seq": {"dataType":"integer"},
            "observedAt": {"dataType":"string","required":true},
        },
        "additionalProperties": false,
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "AssetChange": {
        "dataType": "refObject",
        "properties": {
            "kind": {"ref":"ChangeKind","required":true},
            "ip": {"dataType":"string","required":true},
            "fact": {"dataType":"string"},
            "before": {"ref":"ChangeSide"},
            "after": {"ref":"ChangeSide"},
            "scanId": {"dataType":"string","required":true},
            "at": {"dataType":"string","required":true},
        },
        "additionalProperties": false,
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "Asset": {
        "dataType": "refObject",
        "properties": {
            "ip": {"dataType":"string","required":true},
            "mac": {"dataType":"string"},
            "hostname": {"dataType":"string"},
            "manufacturer": {"dataType":"string"},
            "model": {"dataType":"string"},
            "os": {"dataType":"string"},
            "type": {"dataType":"string"},
            "cpe": {"dataType":"array","array":{"dataType":"string"}},
            "services": {"dataType":"array","array":{"dataType":"refObject","ref":"Service"},"required":true},
            "observedAt": {"dataType":"string","required":true},
            "sources": {"dataType":"nestedObjectLiteral","nestedProperties":{},"additionalProperties":{"ref":"FactSource"}},
            "changes": {"dataType":"array","array":{"dataType":"refObject","ref":"AssetChange"}},
        },
        "additionalProperties": false,
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "ScanStatus": {
        "dataType": "refAlias",
        "type": {"dataType":"union","subSchemas":[{"dataType":"enum","enums":["queued"]},{"dataType":"enum","enums":["running"]},{"dataType":"enum","enums":["completed"]},{"dataType":"enum","enums":["failed"]},{"dataType":"enum","enums":["cancelled"]}],"validators":{}},
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "PortNumber": {
        "dataType": "refAlias",
        "type": {"dataType":"integer","validators":{"minimum":{"value":1},"maximum":{"value":65535}}},
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "PortRange": {
        "dataType": "refAlias",
        "type": {"dataType":"string","validators":{"pattern":{"value":"^[0-9]{1,5}-[0-9]{1,5}$"}}},
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "TcpBannerProbeSpec": {
        "dataType": "refObject",
        "properties": {
            "type": {"dataType":"enum","enums":["tcp-banner"],"required":true},
            "ports": {"dataType":"array","array":{"dataType":"union","subSchemas":[{"ref":"PortNumber"},{"ref":"PortRange"}]},"required":true,"validators":{"minItems":{"value":1},"maxItems":{"value":4096}}},
            "additionalProbes": {"dataType":"boolean"},
        },
        "additionalProperties": false,
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "SnmpOidsItem": {
        "dataType": "refAlias",
        "type": {"dataType":"string","validators":{"minLength":{"value":1},"maxLength":{"value":1400},"pattern":{"value":"^[0-2](\\.(0|[1-9][0-9]{0,8}|[1-3][0-9]{9}|4[01][0-9]{8}|42[0-8][0-9]{7}|429[0-3][0-9]{6}|4294[0-8][0-9]{5}|42949[0-5][0-9]{4}|429496[0-6][0-9]{3}|4294967[01][0-9]{2}|42949672[0-8][0-9]|429496729[0-5])){1,127}$"}}},
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "SnmpV3Spec": {
        "dataType": "refObject",
        "properties": {
            "user": {"dataType":"string","required":true,"validators":{"minLength":{"value":1},"maxLength":{"value":32}}},
            "authProtocol": {"dataType":"union","subSchemas":[{"dataType":"enum","enums":["md5"]},{"dataType":"enum","enums":["sha"]},{"dataType":"enum","enums":["sha224"]},{"dataType":"enum","enums":["sha256"]},{"dataType":"enum","enums":["sha384"]},{"dataType":"enum","enums":["sha512"]}]},
            "authKey": {"dataType":"string","validators":{"minLength":{"value":1},"maxLength":{"value":256}}},
            "privProtocol": {"dataType":"union","subSchemas":[{"dataType":"enum","enums":["des"]},{"dataType":"enum","enums":["aes"]},{"dataType":"enum","enums":["aes256b"]},{"dataType":"enum","enums":["aes256r"]}]},
            "privKey": {"dataType":"string","validators":{"minLength":{"value":1},"maxLength":{"value":256}}},
        },
        "additionalProperties": false,
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "SnmpProbeSpec": {
        "dataType": "refObject",
        "properties": {
            "type": {"dataType":"enum","enums":["snmp"],"required":true},
            "operation": {"dataType":"union","subSchemas":[{"dataType":"enum","enums":["get"]},{"dataType":"enum","enums":["getBulk"]},{"dataType":"enum","enums":["walk"]}]},
            "oids": {"dataType":"array","array":{"dataType":"refAlias","ref":"SnmpOidsItem"},"validators":{"minItems":{"value":1},"maxItems":{"value":64}}},
            "version": {"dataType":"union","subSchemas":[{"dataType":"enum","enums":["1"]},{"dataType":"enum","enums":["2c"]},{"dataType":"enum","enums":["3"]}]},
            "community": {"dataType":"string","validators":{"minLength":{"value":1},"maxLength":{"value":255}}},
            "v3": {"ref":"SnmpV3Spec"},
            "nonRepeaters": {"dataType":"integer","validators":{"minimum":{"value":0},"maximum":{"value":64}}},
            "maxRepetitions": {"dataType":"integer","validators":{"minimum":{"value":1},"maximum":{"value":100}}},
            "port": {"dataType":"integer","validators":{"minimum":{"value":1},"maximum":{"value":65535}}},
            "maxVarbinds": {"dataType":"integer","validators":{"minimum":{"value":1},"maximum":{"value":10000}}},
            "walkTimeoutMs": {"dataType":"integer","validators":{"minimum":{"value":100},"maximum":{"value":120000}}},
        },
        "additionalProperties": false,
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "MdnsProbeSpec": {
        "dataType": "refObject",
        "properties": {
            "type": {"dataType":"enum","enums":["mdns"],"required":true},
            "name": {"dataType":"string","required":true,"validators":{"minLength":{"value":1},"maxLength":{"value":253},"pattern":{"value":"^([^.\\s]{1,63}\\.)*[^.\\s]{1,63}\\.?$"}}},
            "recordType": {"dataType":"union","subSchemas":[{"dataType":"enum","enums":["PTR"]},{"dataType":"enum","enums":["SRV"]},{"dataType":"enum","enums":["TXT"]},{"dataType":"enum","enums":["A"]},{"dataType":"enum","enums":["AAAA"]},{"dataType":"enum","enums":["ANY"]}]},
            "unicast": {"dataType":"boolean"},
        },
        "additionalProperties": false,
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "SsdpProbeSpec": {
        "dataType": "refObject",
        "properties": {
            "type": {"dataType":"enum","enums":["ssdp"],"required":true},
            "mx": {"dataType":"integer","validators":{"minimum":{"value":1},"maximum":{"value":5}}},
            "st": {"dataType":"string","validators":{"minLength":{"value":1},"maxLength":{"value":256},"pattern":{"value":"^[\\x21-\\x7e]+$"}}},
            "unicast": {"dataType":"boolean"},
            "fetchDescription": {"dataType":"boolean"},
        },
        "additionalProperties": false,
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "WsDiscoveryTypesItem": {
        "dataType": "refAlias",
        "type": {"dataType":"string","validators":{"minLength":{"value":1},"maxLength":{"value":80},"pattern":{"value":"^(wsdp|pub|dn|tds|wprt|wscn):[A-Za-z_][A-Za-z0-9_.-]{0,63}$"}}},
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "WsDiscoveryProbeSpec": {
        "dataType": "refObject",
        "properties": {
            "type": {"dataType":"enum","enums":["ws-discovery"],"required":true},
            "types": {"dataType":"array","array":{"dataType":"refAlias","ref":"WsDiscoveryTypesItem"},"validators":{"minItems":{"value":0},"maxItems":{"value":4}}},
            "unicast": {"dataType":"boolean"},
            "resolve": {"dataType":"boolean"},
        },
        "additionalProperties": false,
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "ClassifyProbeSpec": {
        "dataType": "refObject",
        "properties": {
            "type": {"dataType":"enum","enums":["classify"],"required":true},
            "catalog": {"dataType":"string","validators":{"minLength":{"value":1},"maxLength":{"value":64},"pattern":{"value":"^[\\w-]+$"}}},
            "confirm": {"dataType":"boolean"},
            "exact": {"dataType":"boolean"},
            "speculative": {"dataType":"boolean"},
        },
        "additionalProperties": false,
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "ProbeSpec": {
        "dataType": "refAlias",
        "type": {"dataType":"union","subSchemas":[{"ref":"TcpBannerProbeSpec"},{"ref":"SnmpProbeSpec"},{"ref":"MdnsProbeSpec"},{"ref":"SsdpProbeSpec"},{"ref":"WsDiscoveryProbeSpec"},{"ref":"ClassifyProbeSpec"}],"validators":{}},
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "Timing": {
        "dataType": "refObject",
        "properties": {
            "count": {"dataType":"integer","required":true,"validators":{"minimum":{"value":1},"maximum":{"value":10}}},
            "intervalMs": {"dataType":"integer","required":true,"validators":{"minimum":{"value":0},"maximum":{"value":60000}}},
            "timeoutMs": {"dataType":"integer","required":true,"validators":{"minimum":{"value":1},"maximum":{"value":30000}}},
            "retries": {"dataType":"integer","required":true,"validators":{"minimum":{"value":0},"maximum":{"value":5}}},
            "ratePerSecond": {"dataType":"integer","validators":{"minimum":{"value":1},"maximum":{"value":100000}}},
        },
        "additionalProperties": false,
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "WantedFact": {
        "dataType": "refAlias",
        "type": {"dataType":"union","subSchemas":[{"dataType":"enum","enums":["hostname"]},{"dataType":"enum","enums":["manufacturer"]},{"dataType":"enum","enums":["model"]},{"dataType":"enum","enums":["os"]},{"dataType":"enum","enums":["services"]},{"dataType":"enum","enums":["type"]},{"dataType":"enum","enums":["mac"]}],"validators":{}},
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "KnownFactValue": {
        "dataType": "refAlias",
        "type": {"dataType":"string","validators":{"minLength":{"value":1},"maxLength":{"value":256}}},
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "KnownFacts": {
        "dataType": "refObject",
        "properties": {
            "hostname": {"ref":"KnownFactValue"},
            "manufacturer": {"ref":"KnownFactValue"},
            "model": {"ref":"KnownFactValue"},
            "os": {"ref":"KnownFactValue"},
            "type": {"ref":"KnownFactValue"},
            "mac": {"ref":"KnownFactValue"},
        },
        "additionalProperties": false,
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "Port": {
        "dataType": "refAlias",
        "type": {"dataType":"integer","validators":{"isInt":{"errorMsg":"must be a port number, 1–65535"},"minimum":{"errorMsg":"must be a port number, 1–65535","value":1},"maximum":{"errorMsg":"must be a port number, 1–65535","value":65535}}},
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "KnownTarget": {
        "dataType": "refObject",
        "properties": {
            "facts": {"ref":"KnownFacts"},
            "openPorts": {"dataType":"array","array":{"dataType":"refAlias","ref":"Port"},"validators":{"maxItems":{"value":1024},"uniqueItems":{}}},
        },
        "additionalProperties": false,
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "WebhookEvent": {
        "dataType": "refAlias",
        "type": {"dataType":"union","subSchemas":[{"dataType":"enum","enums":["scan.completed"]},{"dataType":"enum","enums":["scan.failed"]},{"dataType":"enum","enums":["scan.cancelled"]},{"dataType":"enum","enums":["asset.changed"]}],"validators":{}},
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "NormalizedRequest": {
        "dataType": "refObject",
        "properties": {
            "targets": {"dataType":"array","array":{"dataType":"string"},"required":true},
            "probes": {"dataType":"array","array":{"dataType":"refAlias","ref":"ProbeSpec"},"required":true},
            "timing": {"ref":"Timing","required":true},
            "mode": {"dataType":"union","subSchemas":[{"dataType":"enum","enums":["sync"]},{"dataType":"enum","enums":["async"]}],"required":true},
            "profile": {"dataType":"union","subSchemas":[{"dataType":"enum","enums":["normal"]},{"dataType":"enum","enums":["fragile"]}],"required":true},
            "discovery": {"dataType":"union","subSchemas":[{"dataType":"enum","enums":["auto"]},{"dataType":"enum","enums":["none"]}]},
            "want": {"dataType":"array","array":{"dataType":"refAlias","ref":"WantedFact"}},
            "credentials": {"dataType":"nestedObjectLiteral","nestedProperties":{"snmp":{"dataType":"array","array":{"dataType":"nestedObjectLiteral","nestedProperties":{"port":{"dataType":"double"},"v3":{"ref":"SnmpV3Spec"},"community":{"dataType":"string"},"version":{"dataType":"union","subSchemas":[{"dataType":"enum","enums":["1"]},{"dataType":"enum","enums":["2c"]},{"dataType":"enum","enums":["3"]}],"required":true}}}}}},
            "known": {"dataType":"nestedObjectLiteral","nestedProperties":{},"additionalProperties":{"ref":"KnownTarget"}},
            "budget": {"dataType":"nestedObjectLiteral","nestedProperties":{"packetsPerTarget":{"dataType":"double"}}},
            "allowIntrusive": {"dataType":"boolean"},
            "labels": {"dataType":"nestedObjectLiteral","nestedProperties":{},"additionalProperties":{"dataType":"string"},"required":true},
            "webhook": {"dataType":"nestedObjectLiteral","nestedProperties":{"events":{"dataType":"array","array":{"dataType":"refAlias","ref":"WebhookEvent"}},"url":{"dataType":"string","required":true}}},
        },
        "additionalProperties": false,
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "ProbeCounters": {
        "dataType": "refObject",
        "properties": {
            "packetsSent": {"dataType":"double","required":true},
            "results": {"dataType":"nestedObjectLiteral","nestedProperties":{},"additionalProperties":{"dataType":"double"},"required":true},
            "droppedAnswers": {"dataType":"double"},
        },
        "additionalProperties": false,
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "HostCounts": {
        "dataType": "refObject",
        "properties": {
            "alive": {"dataType":"integer","required":true},
            "dead": {"dataType":"integer","required":true},
            "pending": {"dataType":"integer","required":true},
        },
        "additionalProperties": false,
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "ScanStats": {
        "dataType": "refObject",
        "properties": {
            "targets": {"dataType":"double","required":true},
            "packetsSent": {"dataType":"double","required":true},
            "responses": {"dataType":"double","required":true},
            "results": {"dataType":"double","required":true},
            "durationMs": {"dataType":"double"},
            "byProbe": {"dataType":"nestedObjectLiteral","nestedProperties":{},"additionalProperties":{"ref":"ProbeCounters"},"required":true},
            "byTarget": {"dataType":"nestedObjectLiteral","nestedProperties":{},"additionalProperties":{"dataType":"double"}},
            "excluded": {"dataType":"nestedObjectLiteral","nestedProperties":{},"additionalProperties":{"dataType":"double"}},
            "hosts": {"ref":"HostCounts"},
        },
        "additionalProperties": false,
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "ScanError": {
        "dataType": "refObject",
        "properties": {
            "code": {"dataType":"string","required":true},
            "message": {"dataType":"string","required":true},
        },
        "additionalProperties": false,
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "PlanStep": {
        "dataType": "refObject",
        "properties": {
            "step": {"dataType":"string","required":true},
            "probes": {"dataType":"array","array":{"dataType":"refAlias","ref":"ProbeSpec"},"required":true},
            "detail": {"dataType":"string"},
            "targets": {"dataType":"integer","required":true},
            "packets": {"dataType":"integer","required":true},
            "skipped": {"dataType":"nestedObjectLiteral","nestedProperties":{"budget":{"dataType":"double","required":true}}},
            "site": {"dataType":"string"},
        },
        "additionalProperties": false,
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "UnmetReason": {
        "dataType": "refObject",
        "properties": {
            "reason": {"dataType":"string","required":true},
            "targets": {"dataType":"integer","required":true},
        },
        "additionalProperties": false,
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "UnmetFact": {
        "dataType": "refObject",
        "properties": {
            "fact": {"ref":"WantedFact","required":true},
            "targets": {"dataType":"integer","required":true},
            "why": {"dataType":"array","array":{"dataType":"refObject","ref":"UnmetReason"},"required":true},
        },
        "additionalProperties": false,
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "ScanPlan": {
        "dataType": "refObject",
        "properties": {
            "want": {"dataType":"array","array":{"dataType":"refAlias","ref":"WantedFact"},"required":true},
            "steps": {"dataType":"array","array":{"dataType":"refObject","ref":"PlanStep"},"required":true},
            "complete": {"dataType":"integer","required":true},
            "unmet": {"dataType":"array","array":{"dataType":"refObject","ref":"UnmetFact"}},
        },
        "additionalProperties": false,
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "Scan": {
        "dataType": "refObject",
        "properties": {
            "id": {"dataType":"string","required":true},
            "status": {"ref":"ScanStatus","required":true},
            "createdAt": {"dataType":"string","required":true},
            "startedAt": {"dataType":"string"},
            "finishedAt": {"dataType":"string"},
            "principal": {"dataType":"string","required":true},
            "labels": {"dataType":"nestedObjectLiteral","nestedProperties":{},"additionalProperties":{"dataType":"string"},"required":true},
            "request": {"ref":"NormalizedRequest","required":true},
            "stats": {"ref":"ScanStats","required":true},
            "error": {"ref":"ScanError"},
            "plan": {"ref":"ScanPlan"},
            "results": {"dataType":"array","array":{"dataType":"refObject","ref":"ProbeResult"},"required":true},
            "assets": {"dataType":"array","array":{"dataType":"refObject","ref":"Asset"},"required":true},
        },
        "additionalProperties": false,
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "ScanTarget": {
        "dataType": "refAlias",
        "type": {"dataType":"string","validators":{"maxLength":{"value":100},"pattern":{"errorMsg":"must be an address, a CIDR or an a-b range","value":"^(((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])(/(3[0-2]|[12]?[0-9])|-((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9]))?|(([0-9a-fA-F]{1,4}:){7}([0-9a-fA-F]{1,4}|:)|([0-9a-fA-F]{1,4}:){6}(((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])|:[0-9a-fA-F]{1,4}|:)|([0-9a-fA-F]{1,4}:){5}(:((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])|(:[0-9a-fA-F]{1,4}){1,2}|:)|([0-9a-fA-F]{1,4}:){4}((:[0-9a-fA-F]{1,4}){0,1}:((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])|(:[0-9a-fA-F]{1,4}){1,3}|:)|([0-9a-fA-F]{1,4}:){3}((:[0-9a-fA-F]{1,4}){0,2}:((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])|(:[0-9a-fA-F]{1,4}){1,4}|:)|([0-9a-fA-F]{1,4}:){2}((:[0-9a-fA-F]{1,4}){0,3}:((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])|(:[0-9a-fA-F]{1,4}){1,5}|:)|([0-9a-fA-F]{1,4}:){1}((:[0-9a-fA-F]{1,4}){0,4}:((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])|(:[0-9a-fA-F]{1,4}){1,6}|:)|(:((:[0-9a-fA-F]{1,4}){0,5}:((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])|(:[0-9a-fA-F]{1,4}){1,7}|:)))(/(12[0-8]|1[01][0-9]|[1-9]?[0-9])|-(([0-9a-fA-F]{1,4}:){7}([0-9a-fA-F]{1,4}|:)|([0-9a-fA-F]{1,4}:){6}(((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])|:[0-9a-fA-F]{1,4}|:)|([0-9a-fA-F]{1,4}:){5}(:((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])|(:[0-9a-fA-F]{1,4}){1,2}|:)|([0-9a-fA-F]{1,4}:){4}((:[0-9a-fA-F]{1,4}){0,1}:((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])|(:[0-9a-fA-F]{1,4}){1,3}|:)|([0-9a-fA-F]{1,4}:){3}((:[0-9a-fA-F]{1,4}){0,2}:((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])|(:[0-9a-fA-F]{1,4}){1,4}|:)|([0-9a-fA-F]{1,4}:){2}((:[0-9a-fA-F]{1,4}){0,3}:((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])|(:[0-9a-fA-F]{1,4}){1,5}|:)|([0-9a-fA-F]{1,4}:){1}((:[0-9a-fA-F]{1,4}){0,4}:((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])|(:[0-9a-fA-F]{1,4}){1,6}|:)|(:((:[0-9a-fA-F]{1,4}){0,5}:((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])|(:[0-9a-fA-F]{1,4}){1,7}|:))))?)$"}}},
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "TimingSpec": {
        "dataType": "refObject",
        "properties": {
            "count": {"dataType":"integer","validators":{"minimum":{"value":1},"maximum":{"value":10}}},
            "intervalMs": {"dataType":"integer","validators":{"minimum":{"value":0},"maximum":{"value":60000}}},
            "timeoutMs": {"dataType":"integer","validators":{"minimum":{"value":1},"maximum":{"value":30000}}},
            "retries": {"dataType":"integer","validators":{"minimum":{"value":0},"maximum":{"value":5}}},
            "ratePerSecond": {"dataType":"integer","validators":{"minimum":{"value":1},"maximum":{"value":100000}}},
        },
        "additionalProperties": false,
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "SnmpCommunityCredential": {
        "dataType": "refObject",
        "properties": {
            "version": {"dataType":"union","subSchemas":[{"dataType":"enum","enums":["1"]},{"dataType":"enum","enums":["2c"]}],"required":true},
            "community": {"dataType":"string","required":true,"validators":{"minLength":{"value":1},"maxLength":{"value":255}}},
            "port": {"dataType":"integer","validators":{"minimum":{"value":1},"maximum":{"value":65535}}},
        },
        "additionalProperties": false,
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "SnmpV3Credential": {
        "dataType": "refObject",
        "properties": {
            "version": {"dataType":"enum","enums":["3"],"required":true},
            "v3": {"ref":"SnmpV3Spec","required":true},
            "port": {"dataType":"integer","validators":{"minimum":{"value":1},"maximum":{"value":65535}}},
        },
        "additionalProperties": false,
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "SnmpCredential": {
        "dataType": "refAlias",
        "type": {"dataType":"union","subSchemas":[{"ref":"SnmpCommunityCredential"},{"ref":"SnmpV3Credential"}],"validators":{}},
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "WantCredentials": {
        "dataType": "refObject",
        "properties": {
            "snmp": {"dataType":"array","array":{"dataType":"refAlias","ref":"SnmpCredential"},"validators":{"minItems":{"value":1},"maxItems":{"value":8}}},
        },
        "additionalProperties": false,
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "WantBudget": {
        "dataType": "refObject",
        "properties": {
            "packetsPerTarget": {"dataType":"integer","validators":{"minimum":{"value":1},"maximum":{"value":100000}}},
        },
        "additionalProperties": false,
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "WebhookSpec": {
        "dataType": "refObject",
        "properties": {
            "url": {"dataType":"string","required":true,"validators":{"maxLength":{"value":2048},"pattern":{"value":"^https?://\\S+$"}}},
            "secret": {"dataType":"string","validators":{"pattern":{"value":"^whsec_(([A-Za-z0-9+/]{4}){8,21}([A-Za-z0-9+/]{2}==)?|([A-Za-z0-9+/]{4}){8,20}[A-Za-z0-9+/]{3}=)$"}}},
            "events": {"dataType":"array","array":{"dataType":"refAlias","ref":"WebhookEvent"},"validators":{"minItems":{"value":1},"maxItems":{"value":4}}},
        },
        "additionalProperties": false,
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "LabelValue": {
        "dataType": "refAlias",
        "type": {"dataType":"string","validators":{"maxLength":{"value":256}}},
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "ScanRequest": {
        "dataType": "refObject",
        "properties": {
            "targets": {"dataType":"array","array":{"dataType":"refAlias","ref":"ScanTarget"},"required":true,"validators":{"minItems":{"value":1},"maxItems":{"value":1024}}},
            "probes": {"dataType":"array","array":{"dataType":"refAlias","ref":"ProbeSpec"},"validators":{"minItems":{"value":1},"maxItems":{"value":16}}},
            "probe": {"ref":"ProbeSpec"},
            "timing": {"ref":"TimingSpec"},
            "mode": {"dataType":"union","subSchemas":[{"dataType":"enum","enums":["sync"]},{"dataType":"enum","enums":["async"]}]},
            "profile": {"dataType":"union","subSchemas":[{"dataType":"enum","enums":["normal"]},{"dataType":"enum","enums":["fragile"]}]},
            "discovery": {"dataType":"union","subSchemas":[{"dataType":"enum","enums":["auto"]},{"dataType":"enum","enums":["none"]}]},
            "want": {"dataType":"array","array":{"dataType":"refAlias","ref":"WantedFact"},"validators":{"minItems":{"value":1},"maxItems":{"value":7},"uniqueItems":{}}},
            "credentials": {"ref":"WantCredentials"},
            "known": {"dataType":"nestedObjectLiteral","nestedProperties":{},"additionalProperties":{"ref":"KnownTarget"}},
            "budget": {"ref":"WantBudget"},
            "allowIntrusive": {"dataType":"boolean"},
            "webhook": {"ref":"WebhookSpec"},
            "labels": {"dataType":"nestedObjectLiteral","nestedProperties":{},"additionalProperties":{"ref":"LabelValue"}},
        },
        "additionalProperties": false,
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "ScanSummary": {
        "dataType": "refObject",
        "properties": {
            "id": {"dataType":"string","required":true},
            "status": {"ref":"ScanStatus","required":true},
            "createdAt": {"dataType":"string","required":true},
            "startedAt": {"dataType":"string"},
            "finishedAt": {"dataType":"string"},
            "principal": {"dataType":"string","required":true},
            "labels": {"dataType":"nestedObjectLiteral","nestedProperties":{},"additionalProperties":{"dataType":"string"},"required":true},
            "request": {"ref":"NormalizedRequest","required":true},
            "stats": {"ref":"ScanStats","required":true},
            "error": {"ref":"ScanError"},
            "plan": {"ref":"ScanPlan"},
        },
        "additionalProperties": false,
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "ScanPage": {
        "dataType": "refObject",
        "properties": {
            "items": {"dataType":"array","array":{"dataType":"refObject","ref":"ScanSummary"},"required":true},
            "nextCursor": {"dataType":"string"},
        },
        "additionalProperties": false,
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "ScanId": {
        "dataType": "refAlias",
        "type": {"dataType":"string","validators":{"pattern":{"errorMsg":"is not a cursor this service issued","value":"^scn_[0-9A-HJKMNP-TV-Z]{26}$"}}},
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "LabelFilter": {
        "dataType": "refAlias",
        "type": {"dataType":"string","validators":{"pattern":{"errorMsg":"must be key:value, e.g. ndrAlertId:A-1234","value":"^[^:]{1,64}:.*$"}}},
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "ResultPage": {
        "dataType": "refObject",
        "properties": {
            "items": {"dataType":"array","array":{"dataType":"refObject","ref":"ProbeResult"},"required":true},
            "nextCursor": {"dataType":"string"},
        },
        "additionalProperties": false,
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "SeqCursor": {
        "dataType": "refAlias",
        "type": {"dataType":"string","validators":{"pattern":{"errorMsg":"is not a cursor this service issued","value":"^[0-9]{1,15}$"}}},
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "ResultStatusFilter": {
        "dataType": "refAlias",
        "type": {"dataType":"string","validators":{"pattern":{"errorMsg":"must be one or more of ok, closed, timeout, unreachable, malformed, error, comma-separated or repeated","value":"^(ok|closed|timeout|unreachable|malformed|error)(,(ok|closed|timeout|unreachable|malformed|error))*$"}}},
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "ExportFormat": {
        "dataType": "refAlias",
        "type": {"dataType":"union","subSchemas":[{"dataType":"enum","enums":["ndjson"]},{"dataType":"enum","enums":["csv"]}],"validators":{}},
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "DeliveryTry": {
        "dataType": "refObject",
        "properties": {
            "n": {"dataType":"integer","required":true},
            "at": {"dataType":"string","required":true},
            "statusCode": {"dataType":"integer"},
            "latencyMs": {"dataType":"integer","required":true},
            "error": {"dataType":"string"},
        },
        "additionalProperties": false,
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "Delivery": {
        "dataType": "refObject",
        "properties": {
            "id": {"dataType":"string","required":true},
            "event": {"dataType":"string"},
            "url": {"dataType":"string","required":true},
            "status": {"dataType":"union","subSchemas":[{"dataType":"enum","enums":["scheduled"]},{"dataType":"enum","enums":["pending"]},{"dataType":"enum","enums":["delivered"]},{"dataType":"enum","enums":["failed"]},{"dataType":"enum","enums":["gone"]}],"required":true},
            "attempts": {"dataType":"integer","required":true},
            "nextAttemptAt": {"dataType":"string"},
            "lastError": {"dataType":"string"},
            "tries": {"dataType":"array","array":{"dataType":"refObject","ref":"DeliveryTry"},"required":true},
        },
        "additionalProperties": false,
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "ParamDoc": {
        "dataType": "refObject",
        "properties": {
            "name": {"dataType":"string","required":true},
            "type": {"dataType":"string","required":true},
            "description": {"dataType":"string","required":true},
            "required": {"dataType":"boolean","required":true},
            "default": {"dataType":"any"},
            "min": {"dataType":"double"},
            "max": {"dataType":"double"},
            "minItems": {"dataType":"double"},
            "maxItems": {"dataType":"double"},
            "maxLength": {"dataType":"double"},
            "values": {"dataType":"array","array":{"dataType":"string"}},
            "pattern": {"dataType":"string"},
            "category": {"dataType":"union","subSchemas":[{"dataType":"enum","enums":["safe"]},{"dataType":"enum","enums":["intrusive"]}]},
            "requires": {"dataType":"string"},
            "available": {"dataType":"boolean"},
            "fields": {"dataType":"array","array":{"dataType":"refObject","ref":"ParamDoc"}},
        },
        "additionalProperties": false,
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "ProbeDescription": {
        "dataType": "refObject",
        "properties": {
            "type": {"dataType":"string","required":true},
            "description": {"dataType":"string","required":true},
            "category": {"dataType":"union","subSchemas":[{"dataType":"enum","enums":["safe"]},{"dataType":"enum","enums":["intrusive"]}],"required":true},
            "reach": {"dataType":"union","subSchemas":[{"dataType":"enum","enums":["target"]},{"dataType":"enum","enums":["multicast"]}],"required":true},
            "parameters": {"dataType":"array","array":{"dataType":"refObject","ref":"ParamDoc"},"required":true},
        },
        "additionalProperties": false,
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "ProbeCatalogue": {
        "dataType": "refObject",
        "properties": {
            "probes": {"dataType":"array","array":{"dataType":"refObject","ref":"ProbeDescription"},"required":true},
            "timing": {"dataType":"array","array":{"dataType":"refObject","ref":"ParamDoc"},"required":true},
        },
        "additionalProperties": false,
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "Liveness": {
        "dataType": "refObject",
        "properties": {
            "status": {"dataType":"enum","enums":["ok"],"required":true},
        },
        "additionalProperties": false,
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "NmapStatus": {
        "dataType": "refObject",
        "properties": {
            "available": {"dataType":"boolean","required":true},
            "version": {"dataType":"string"},
            "path": {"dataType":"string"},
        },
        "additionalProperties": false,
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "Readiness": {
        "dataType": "refObject",
        "properties": {
            "ready": {"dataType":"boolean","required":true},
            "store": {"dataType":"union","subSchemas":[{"dataType":"enum","enums":["ok"]},{"dataType":"enum","enums":["unavailable"]}],"required":true},
            "queue": {"dataType":"union","subSchemas":[{"dataType":"enum","enums":["ok"]},{"dataType":"enum","enums":["unavailable"]},{"dataType":"enum","enums":["off"]}],"required":true},
            "nmap": {"ref":"NmapStatus","required":true},
        },
        "additionalProperties": false,
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "FingerprintFileSummary": {
        "dataType": "refObject",
        "properties": {
            "file": {"dataType":"string","required":true},
            "matches": {"dataType":"string","required":true},
            "protocol": {"dataType":"string"},
            "preference": {"dataType":"double","required":true},
            "fingerprints": {"dataType":"integer","required":true},
        },
        "additionalProperties": false,
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "UntranslatedPattern": {
        "dataType": "refObject",
        "properties": {
            "file": {"dataType":"string","required":true},
            "line": {"dataType":"integer","required":true},
            "description": {"dataType":"string","required":true},
            "reason": {"dataType":"string","required":true},
        },
        "additionalProperties": false,
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "FingerprintDatabaseSummary": {
        "dataType": "refObject",
        "properties": {
            "name": {"dataType":"string","required":true},
            "precedence": {"dataType":"integer","required":true},
            "fingerprints": {"dataType":"integer","required":true},
            "files": {"dataType":"array","array":{"dataType":"refObject","ref":"FingerprintFileSummary"},"required":true},
            "untranslated": {"dataType":"array","array":{"dataType":"refObject","ref":"UntranslatedPattern"},"required":true},
        },
        "additionalProperties": false,
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "FingerprintDatabases": {
        "dataType": "refObject",
        "properties": {
            "databases": {"dataType":"array","array":{"dataType":"refObject","ref":"FingerprintDatabaseSummary"},"required":true},
            "matches": {"dataType":"array","array":{"dataType":"string"},"required":true},
        },
        "additionalProperties": false,
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "FingerprintHit": {
        "dataType": "refObject",
        "properties": {
            "database": {"dataType":"string","required":true},
            "file": {"dataType":"string","required":true},
            "description": {"dataType":"string","required":true},
            "matches": {"dataType":"string","required":true},
            "line": {"dataType":"integer","required":true},
            "params": {"dataType":"nestedObjectLiteral","nestedProperties":{},"additionalProperties":{"dataType":"string"},"required":true},
        },
        "additionalProperties": false,
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "MatchedFact": {
        "dataType": "refObject",
        "properties": {
            "value": {"dataType":"string","required":true},
            "confidence": {"ref":"Confidence","required":true},
            "fingerprint": {"ref":"FingerprintRef","required":true},
            "others": {"dataType":"array","array":{"dataType":"nestedObjectLiteral","nestedProperties":{"fingerprint":{"ref":"FingerprintRef","required":true},"confidence":{"ref":"Confidence","required":true},"value":{"dataType":"string","required":true}}}},
        },
        "additionalProperties": false,
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "AnswerFacts": {
        "dataType": "refObject",
        "properties": {
            "index": {"dataType":"integer","required":true},
            "fingerprints": {"dataType":"array","array":{"dataType":"refObject","ref":"FingerprintHit"},"required":true},
            "facts": {"dataType":"nestedObjectLiteral","nestedProperties":{"type":{"ref":"MatchedFact"},"os":{"ref":"MatchedFact"},"model":{"ref":"MatchedFact"},"manufacturer":{"ref":"MatchedFact"},"hostname":{"ref":"MatchedFact"}},"required":true},
            "service": {"dataType":"nestedObjectLiteral","nestedProperties":{"cpe":{"dataType":"array","array":{"dataType":"string"}},"version":{"dataType":"string"},"product":{"dataType":"string"},"vendor":{"dataType":"string"}}},
            "cpe": {"dataType":"array","array":{"dataType":"string"}},
        },
        "additionalProperties": false,
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "MatchResponse": {
        "dataType": "refObject",
        "properties": {
            "results": {"dataType":"array","array":{"dataType":"refObject","ref":"AnswerFacts"},"required":true},
        },
        "additionalProperties": false,
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "FieldName": {
        "dataType": "refAlias",
        "type": {"dataType":"string","validators":{"minLength":{"value":1},"maxLength":{"value":64},"pattern":{"errorMsg":"is not a field name","value":"^[A-Za-z0-9_.-]+$"}}},
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "AnswerBody": {
        "dataType": "refAlias",
        "type": {"dataType":"string","validators":{"maxLength":{"value":4096}}},
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "FieldAnswer": {
        "dataType": "refObject",
        "properties": {
            "matches": {"ref":"FieldName","required":true},
            "text": {"ref":"AnswerBody","required":true},
            "encoding": {"dataType":"enum","enums":["base64"]},
        },
        "additionalProperties": false,
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "ProtocolAnswer": {
        "dataType": "refObject",
        "properties": {
            "protocol": {"dataType":"union","subSchemas":[{"dataType":"enum","enums":["ssh"]},{"dataType":"enum","enums":["ftp"]},{"dataType":"enum","enums":["smtp"]},{"dataType":"enum","enums":["pop3"]},{"dataType":"enum","enums":["imap"]},{"dataType":"enum","enums":["telnet"]},{"dataType":"enum","enums":["http"]},{"dataType":"enum","enums":["rtsp"]},{"dataType":"enum","enums":["snmp"]},{"dataType":"enum","enums":["upnp"]}],"required":true},
            "text": {"ref":"AnswerBody","required":true},
            "encoding": {"dataType":"enum","enums":["base64"]},
        },
        "additionalProperties": false,
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "HeldAnswer": {
        "dataType": "refAlias",
        "type": {"dataType":"union","subSchemas":[{"ref":"FieldAnswer"},{"ref":"ProtocolAnswer"}],"validators":{}},
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "MatchRequest": {
        "dataType": "refObject",
        "properties": {
            "answers": {"dataType":"array","array":{"dataType":"refAlias","ref":"HeldAnswer"},"required":true,"validators":{"minItems":{"value":1},"maxItems":{"value":100}}},
        },
        "additionalProperties": false,
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "TreeStats": {
        "dataType": "refObject",
        "properties": {
            "devices": {"dataType":"double","required":true},
            "ports": {"dataType":"double","required":true},
            "averageProbesConfirm": {"dataType":"double","required":true},
            "averageProbesIdentify": {"dataType":"double","required":true},
            "maxProbes": {"dataType":"double","required":true},
            "flatProbes": {"dataType":"double","required":true},
        },
        "additionalProperties": false,
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "CatalogSummary": {
        "dataType": "refObject",
        "properties": {
            "id": {"dataType":"string","required":true},
            "name": {"dataType":"string","required":true},
            "source": {"dataType":"string"},
            "origin": {"dataType":"union","subSchemas":[{"dataType":"enum","enums":["built-in"]},{"dataType":"enum","enums":["config"]},{"dataType":"enum","enums":["api"]}],"required":true},
            "owner": {"dataType":"string"},
            "stats": {"ref":"TreeStats","required":true},
        },
        "additionalProperties": false,
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "DeviceSignature": {
        "dataType": "refObject",
        "properties": {
            "type": {"dataType":"string","required":true,"validators":{"minLength":{"value":1},"maxLength":{"value":128},"pattern":{"errorMsg":"must hold a character other than a space","value":"\\S"}}},
            "ports": {"dataType":"array","array":{"dataType":"refAlias","ref":"Port"},"required":true,"validators":{"minItems":{"value":1},"maxItems":{"value":64},"uniqueItems":{}}},
        },
        "additionalProperties": false,
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "CatalogView": {
        "dataType": "refObject",
        "properties": {
            "id": {"dataType":"string","required":true},
            "name": {"dataType":"string","required":true},
            "source": {"dataType":"string"},
            "origin": {"dataType":"union","subSchemas":[{"dataType":"enum","enums":["built-in"]},{"dataType":"enum","enums":["config"]},{"dataType":"enum","enums":["api"]}],"required":true},
            "owner": {"dataType":"string"},
            "stats": {"ref":"TreeStats","required":true},
            "devices": {"dataType":"array","array":{"dataType":"refObject","ref":"DeviceSignature"},"required":true},
        },
        "additionalProperties": false,
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "CatalogInput": {
        "dataType": "refObject",
        "properties": {
            "name": {"dataType":"string","required":true,"validators":{"minLength":{"value":1},"maxLength":{"value":128},"pattern":{"errorMsg":"must hold a character other than a space","value":"\\S"}}},
            "source": {"dataType":"string","validators":{"maxLength":{"value":512}}},
            "devices": {"dataType":"array","array":{"dataType":"refObject","ref":"DeviceSignature"},"required":true,"validators":{"minItems":{"value":1},"maxItems":{"value":64}}},
        },
        "additionalProperties": false,
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "TreeNode": {
        "dataType": "refAlias",
        "type": {"dataType":"union","subSchemas":[{"dataType":"nestedObjectLiteral","nestedProperties":{"closed":{"ref":"TreeNode","required":true},"open":{"ref":"TreeNode","required":true},"port":{"dataType":"double","required":true}}},{"dataType":"nestedObjectLiteral","nestedProperties":{"devices":{"dataType":"array","array":{"dataType":"string"},"required":true}}}],"validators":{}},
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "CatalogTree": {
        "dataType": "refObject",
        "properties": {
            "id": {"dataType":"string","required":true},
            "stats": {"ref":"TreeStats","required":true},
            "confirm": {"dataType":"nestedObjectLiteral","nestedProperties":{"root":{"ref":"TreeNode","required":true},"optimal":{"dataType":"boolean","required":true}},"required":true},
            "identify": {"dataType":"nestedObjectLiteral","nestedProperties":{"root":{"ref":"TreeNode","required":true},"optimal":{"dataType":"boolean","required":true}},"required":true},
        },
        "additionalProperties": false,
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "ObservationRef": {
        "dataType": "refObject",
        "properties": {
            "scanId": {"dataType":"string","required":true},
            "seq": {"dataType":"integer"},
        },
        "additionalProperties": false,
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "StoredInterval": {
        "dataType": "refObject",
        "properties": {
            "ip": {"dataType":"string","required":true},
            "fact": {"dataType":"string","required":true},
            "value": {"dataType":"string"},
            "source": {"dataType":"string"},
            "confidence": {"ref":"Confidence"},
            "service": {"ref":"ServiceState"},
            "firstSeen": {"dataType":"string","required":true},
            "lastSeen": {"dataType":"string","required":true},
            "count": {"dataType":"integer","required":true},
            "scans": {"dataType":"nestedObjectLiteral","nestedProperties":{"last":{"ref":"ObservationRef","required":true},"first":{"ref":"ObservationRef","required":true}},"required":true},
            "current": {"dataType":"boolean","required":true},
            "id": {"dataType":"integer","required":true},
            "principal": {"dataType":"string","required":true},
        },
        "additionalProperties": false,
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "IntervalPage": {
        "dataType": "refObject",
        "properties": {
            "items": {"dataType":"array","array":{"dataType":"refObject","ref":"StoredInterval"},"required":true},
            "nextCursor": {"dataType":"string"},
        },
        "additionalProperties": false,
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "IpAddress": {
        "dataType": "refAlias",
        "type": {"dataType":"string","validators":{"pattern":{"errorMsg":"is not an IP address","value":"^(((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])|(([0-9a-fA-F]{1,4}:){7}([0-9a-fA-F]{1,4}|:)|([0-9a-fA-F]{1,4}:){6}(((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])|:[0-9a-fA-F]{1,4}|:)|([0-9a-fA-F]{1,4}:){5}(:((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])|(:[0-9a-fA-F]{1,4}){1,2}|:)|([0-9a-fA-F]{1,4}:){4}((:[0-9a-fA-F]{1,4}){0,1}:((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])|(:[0-9a-fA-F]{1,4}){1,3}|:)|([0-9a-fA-F]{1,4}:){3}((:[0-9a-fA-F]{1,4}){0,2}:((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])|(:[0-9a-fA-F]{1,4}){1,4}|:)|([0-9a-fA-F]{1,4}:){2}((:[0-9a-fA-F]{1,4}){0,3}:((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])|(:[0-9a-fA-F]{1,4}){1,5}|:)|([0-9a-fA-F]{1,4}:){1}((:[0-9a-fA-F]{1,4}){0,4}:((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])|(:[0-9a-fA-F]{1,4}){1,6}|:)|(:((:[0-9a-fA-F]{1,4}){0,5}:((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])|(:[0-9a-fA-F]{1,4}){1,7}|:))))$"}}},
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "FactFilter": {
        "dataType": "refAlias",
        "type": {"dataType":"string","validators":{"pattern":{"errorMsg":"must be mac, hostname, manufacturer, model, os, type or a port such as tcp/80","value":"^(mac|hostname|manufacturer|model|os|type|(tcp|udp)/[0-9]{1,5})$"}}},
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "StoredChange": {
        "dataType": "refObject",
        "properties": {
            "kind": {"ref":"ChangeKind","required":true},
            "ip": {"dataType":"string","required":true},
            "fact": {"dataType":"string"},
            "before": {"ref":"ChangeSide"},
            "after": {"ref":"ChangeSide"},
            "scanId": {"dataType":"string","required":true},
            "at": {"dataType":"string","required":true},
            "id": {"dataType":"integer","required":true},
            "principal": {"dataType":"string","required":true},
            "recordedAt": {"dataType":"string","required":true},
        },
        "additionalProperties": false,
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "ChangePage": {
        "dataType": "refObject",
        "properties": {
            "items": {"dataType":"array","array":{"dataType":"refObject","ref":"StoredChange"},"required":true},
            "nextCursor": {"dataType":"string"},
        },
        "additionalProperties": false,
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "IsoTime": {
        "dataType": "refAlias",
        "type": {"dataType":"string","validators":{"pattern":{"errorMsg":"must be an ISO 8601 date or time, e.g. 2026-01-31T12:00:00Z","value":"^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])(T([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\\.[0-9]{1,9})?)?(Z|[+-]([01][0-9]|2[0-3]):[0-5][0-9]))?$"}}},
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "Network": {
        "dataType": "refAlias",
        "type": {"dataType":"string","validators":{"pattern":{"errorMsg":"is not a CIDR or an address, e.g. 192.168.1.0/24","value":"^(((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])(/(3[0-2]|[12]?[0-9]))?|(([0-9a-fA-F]{1,4}:){7}([0-9a-fA-F]{1,4}|:)|([0-9a-fA-F]{1,4}:){6}(((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])|:[0-9a-fA-F]{1,4}|:)|([0-9a-fA-F]{1,4}:){5}(:((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])|(:[0-9a-fA-F]{1,4}){1,2}|:)|([0-9a-fA-F]{1,4}:){4}((:[0-9a-fA-F]{1,4}){0,1}:((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])|(:[0-9a-fA-F]{1,4}){1,3}|:)|([0-9a-fA-F]{1,4}:){3}((:[0-9a-fA-F]{1,4}){0,2}:((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])|(:[0-9a-fA-F]{1,4}){1,4}|:)|([0-9a-fA-F]{1,4}:){2}((:[0-9a-fA-F]{1,4}){0,3}:((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])|(:[0-9a-fA-F]{1,4}){1,5}|:)|([0-9a-fA-F]{1,4}:){1}((:[0-9a-fA-F]{1,4}){0,4}:((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])|(:[0-9a-fA-F]{1,4}){1,6}|:)|(:((:[0-9a-fA-F]{1,4}){0,5}:((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])|(:[0-9a-fA-F]{1,4}){1,7}|:)))(/(12[0-8]|1[01][0-9]|[1-9]?[0-9]))?)$"}}},
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "ChangeKindFilter": {
        "dataType": "refAlias",
        "type": {"dataType":"string","validators":{"pattern":{"errorMsg":"must be a comma-separated list of change kinds (asset.new, service.opened, …)","value":"^(asset\\.new|service\\.opened|service\\.closed|service\\.changed|mac\\.changed|hostname\\.changed|manufacturer\\.changed|model\\.changed|os\\.changed|type\\.changed)(,(asset\\.new|service\\.opened|service\\.closed|service\\.changed|mac\\.changed|hostname\\.changed|manufacturer\\.changed|model\\.changed|os\\.changed|type\\.changed))*$"}}},
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "ObservedFact": {
        "dataType": "refObject",
        "properties": {
            "value": {"dataType":"string","required":true},
            "observedAt": {"dataType":"string","required":true},
            "scanId": {"dataType":"string","required":true},
            "freshness": {"dataType":"double","required":true},
        },
        "additionalProperties": false,
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "ObservedService": {
        "dataType": "refObject",
        "properties": {
            "port": {"dataType":"integer","required":true},
            "protocol": {"dataType":"union","subSchemas":[{"dataType":"enum","enums":["tcp"]},{"dataType":"enum","enums":["udp"]}],"required":true},
            "name": {"dataType":"string"},
            "vendor": {"dataType":"string"},
            "product": {"dataType":"string"},
            "version": {"dataType":"string"},
            "banner": {"dataType":"string"},
            "cpe": {"dataType":"array","array":{"dataType":"string"}},
            "observedAt": {"dataType":"string","required":true},
            "scanId": {"dataType":"string","required":true},
            "freshness": {"dataType":"double","required":true},
        },
        "additionalProperties": false,
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "AssetView": {
        "dataType": "refObject",
        "properties": {
            "ip": {"dataType":"string","required":true},
            "mac": {"ref":"ObservedFact"},
            "hostname": {"ref":"ObservedFact"},
            "manufacturer": {"ref":"ObservedFact"},
            "model": {"ref":"ObservedFact"},
            "os": {"ref":"ObservedFact"},
            "type": {"ref":"ObservedFact"},
            "services": {"dataType":"array","array":{"dataType":"refObject","ref":"ObservedService"},"required":true},
            "lastSeen": {"dataType":"string","required":true},
            "freshness": {"dataType":"double","required":true},
            "scans": {"dataType":"integer","required":true},
        },
        "additionalProperties": false,
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "AssetPage": {
        "dataType": "refObject",
        "properties": {
            "items": {"dataType":"array","array":{"dataType":"refObject","ref":"AssetView"},"required":true},
            "nextCursor": {"dataType":"string"},
        },
        "additionalProperties": false,
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "ServiceName": {
        "dataType": "refAlias",
        "type": {"dataType":"string","validators":{"minLength":{"errorMsg":"must be a service name of 1 to 64 characters, e.g. http","value":1},"maxLength":{"errorMsg":"must be a service name of 1 to 64 characters, e.g. http","value":64}}},
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "ManufacturerFilter": {
        "dataType": "refAlias",
        "type": {"dataType":"string","validators":{"minLength":{"errorMsg":"must be 1 to 128 characters","value":1},"maxLength":{"errorMsg":"must be 1 to 128 characters","value":128}}},
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
    "TimeOrAge": {
        "dataType": "refAlias",
        "type": {"dataType":"string","validators":{"pattern":{"errorMsg":"must be an ISO 8601 time (2026-01-31T12:00:00Z) or an age such as 30m, 24h, 7d","value":"^([0-9]{1,6}[smhd]|[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])(T([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\\.[0-9]{1,9})?)?(Z|[+-]([01][0-9]|2[0-3]):[0-5][0-9]))?)$"}}},
    },
    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
};
const templateService = new ExpressTemplateService(models, {"noImplicitAdditionalProperties":"throw-on-extras","bodyCoercion":false});

// WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa




export function RegisterRoutes(app: Router) {

    // ###########################################################################################################
    //  NOTE: If you do not see routes for all of your controllers in this file, then you might not have informed tsoa of where to look
    //      Please look into the "controllerPathGlobs" config option described in the readme: https://github.com/lukeautry/tsoa
    // ###########################################################################################################


    
        const argsTokensController_createToken: Record<string, TsoaRoute.ParameterSchema> = {
                body: {"in":"body","name":"body","required":true,"ref":"TokenInput"},
                req: {"in":"request","name":"req","required":true,"dataType":"object"},
        };
        app.post('/v1/tokens',
            authenticateMiddleware([{"bearer":["admin"]}]),
            ...(fetchMiddlewares<RequestHandler>(TokensController)),
            ...(fetchMiddlewares<RequestHandler>(TokensController.prototype.createToken)),

            async function TokensController_createToken(request: ExRequest, response: ExResponse, next: any) {

            // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa

            let validatedArgs: any[] = [];
            try {
                validatedArgs = templateService.getValidatedArgs({ args: argsTokensController_createToken, request, response });

                const container: IocContainer = typeof iocContainer === 'function' ? (iocContainer as IocContainerFactory)(request) : iocContainer;

                const controller: any = await container.get<TokensController>(TokensController);
                if (typeof controller['setStatus'] === 'function') {
                controller.setStatus(undefined);
                }

              await templateService.apiHandler({
                methodName: 'createToken',
                controller,
                response,
                next,
                validatedArgs,
                successStatus: 201,
              });
            } catch (err) {
                return next(err);
            }
        });
        // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
        const argsTokensController_listTokens: Record<string, TsoaRoute.ParameterSchema> = {
        };
        app.get('/v1/tokens',
            authenticateMiddleware([{"bearer":["admin"]}]),
            ...(fetchMiddlewares<RequestHandler>(TokensController)),
            ...(fetchMiddlewares<RequestHandler>(TokensController.prototype.listTokens)),

            async function TokensController_listTokens(request: ExRequest, response: ExResponse, next: any) {

            // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa

            let validatedArgs: any[] = [];
            try {
                validatedArgs = templateService.getValidatedArgs({ args: argsTokensController_listTokens, request, response });

                const container: IocContainer = typeof iocContainer === 'function' ? (iocContainer as IocContainerFactory)(request) : iocContainer;

                const controller: any = await container.get<TokensController>(TokensController);
                if (typeof controller['setStatus'] === 'function') {
                controller.setStatus(undefined);
                }

              await templateService.apiHandler({
                methodName: 'listTokens',
                controller,
                response,
                next,
                validatedArgs,
                successStatus: undefined,
              });
            } catch (err) {
                return next(err);
            }
        });
        // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
        const argsTokensController_revokeToken: Record<string, TsoaRoute.ParameterSchema> = {
                id: {"in":"path","name":"id","required":true,"ref":"ResourceId"},
        };
        app.delete('/v1/tokens/:id',
            authenticateMiddleware([{"bearer":["admin"]}]),
            ...(fetchMiddlewares<RequestHandler>(TokensController)),
            ...(fetchMiddlewares<RequestHandler>(TokensController.prototype.revokeToken)),

            async function TokensController_revokeToken(request: ExRequest, response: ExResponse, next: any) {

            // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa

            let validatedArgs: any[] = [];
            try {
                validatedArgs = templateService.getValidatedArgs({ args: argsTokensController_revokeToken, request, response });

                const container: IocContainer = typeof iocContainer === 'function' ? (iocContainer as IocContainerFactory)(request) : iocContainer;

                const controller: any = await container.get<TokensController>(TokensController);
                if (typeof controller['setStatus'] === 'function') {
                controller.setStatus(undefined);
                }

              await templateService.apiHandler({
                methodName: 'revokeToken',
                controller,
                response,
                next,
                validatedArgs,
                successStatus: 204,
              });
            } catch (err) {
                return next(err);
            }
        });
        // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
        const argsSensorsController_listSensors: Record<string, TsoaRoute.ParameterSchema> = {
        };
        app.get('/v1/sensors',
            authenticateMiddleware([{"bearer":["scans:read"]}]),
            ...(fetchMiddlewares<RequestHandler>(SensorsController)),
            ...(fetchMiddlewares<RequestHandler>(SensorsController.prototype.listSensors)),

            async function SensorsController_listSensors(request: ExRequest, response: ExResponse, next: any) {

            // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa

            let validatedArgs: any[] = [];
            try {
                validatedArgs = templateService.getValidatedArgs({ args: argsSensorsController_listSensors, request, response });

                const container: IocContainer = typeof iocContainer === 'function' ? (iocContainer as IocContainerFactory)(request) : iocContainer;

                const controller: any = await container.get<SensorsController>(SensorsController);
                if (typeof controller['setStatus'] === 'function') {
                controller.setStatus(undefined);
                }

              await templateService.apiHandler({
                methodName: 'listSensors',
                controller,
                response,
                next,
                validatedArgs,
                successStatus: undefined,
              });
            } catch (err) {
                return next(err);
            }
        });
        // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
        const argsScansController_createScan: Record<string, TsoaRoute.ParameterSchema> = {
                body: {"in":"body","name":"body","required":true,"dataType":"any"},
                req: {"in":"request","name":"req","required":true,"dataType":"object"},
                idempotencyKey: {"in":"header","name":"Idempotency-Key","dataType":"string","validators":{"pattern":{"errorMsg":"must be 1 to 255 visible ASCII characters","value":"^[!-~]{1,255}$"}}},
        };
        app.post('/v1/scans',
            authenticateMiddleware([{"bearer":["scans:write"]}]),
            ...(fetchMiddlewares<RequestHandler>(ScansController)),
            ...(fetchMiddlewares<RequestHandler>(ScansController.prototype.createScan)),

            async function ScansController_createScan(request: ExRequest, response: ExResponse, next: any) {

            // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa

            let validatedArgs: any[] = [];
            try {
                validatedArgs = templateService.getValidatedArgs({ args: argsScansController_createScan, request, response });

                const container: IocContainer = typeof iocContainer === 'function' ? (iocContainer as IocContainerFactory)(request) : iocContainer;

                const controller: any = await container.get<ScansController>(ScansController);
                if (typeof controller['setStatus'] === 'function') {
                controller.setStatus(undefined);
                }

              await templateService.apiHandler({
                methodName: 'createScan',
                controller,
                response,
                next,
                validatedArgs,
                successStatus: 202,
              });
            } catch (err) {
                return next(err);
            }
        });
        // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
        const argsScansController_listScans: Record<string, TsoaRoute.ParameterSchema> = {
                req: {"in":"request","name":"req","required":true,"dataType":"object"},
                status: {"in":"query","name":"status","ref":"ScanStatus"},
                limit: {"in":"query","name":"limit","dataType":"integer","validators":{"isInt":{"errorMsg":"must be an integer from 1 to 200"},"minimum":{"errorMsg":"must be an integer from 1 to 200","value":1},"maximum":{"errorMsg":"must be an integer from 1 to 200","value":200}}},
                cursor: {"in":"query","name":"cursor","ref":"ScanId"},
                label: {"in":"query","name":"label","dataType":"array","array":{"dataType":"refAlias","ref":"LabelFilter"}},
        };
        app.get('/v1/scans',
            authenticateMiddleware([{"bearer":["scans:read"]}]),
            ...(fetchMiddlewares<RequestHandler>(ScansController)),
            ...(fetchMiddlewares<RequestHandler>(ScansController.prototype.listScans)),

            async function ScansController_listScans(request: ExRequest, response: ExResponse, next: any) {

            // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa

            let validatedArgs: any[] = [];
            try {
                validatedArgs = templateService.getValidatedArgs({ args: argsScansController_listScans, request, response });

                const container: IocContainer = typeof iocContainer === 'function' ? (iocContainer as IocContainerFactory)(request) : iocContainer;

                const controller: any = await container.get<ScansController>(ScansController);
                if (typeof controller['setStatus'] === 'function') {
                controller.setStatus(undefined);
                }

              await templateService.apiHandler({
                methodName: 'listScans',
                controller,
                response,
                next,
                validatedArgs,
                successStatus: undefined,
              });
            } catch (err) {
                return next(err);
            }
        });
        // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
        const argsScansController_getScan: Record<string, TsoaRoute.ParameterSchema> = {
                id: {"in":"path","name":"id","required":true,"ref":"ResourceId"},
                req: {"in":"request","name":"req","required":true,"dataType":"object"},
        };
        app.get('/v1/scans/:id',
            authenticateMiddleware([{"bearer":["scans:read"]}]),
            ...(fetchMiddlewares<RequestHandler>(ScansController)),
            ...(fetchMiddlewares<RequestHandler>(ScansController.prototype.getScan)),

            async function ScansController_getScan(request: ExRequest, response: ExResponse, next: any) {

            // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa

            let validatedArgs: any[] = [];
            try {
                validatedArgs = templateService.getValidatedArgs({ args: argsScansController_getScan, request, response });

                const container: IocContainer = typeof iocContainer === 'function' ? (iocContainer as IocContainerFactory)(request) : iocContainer;

                const controller: any = await container.get<ScansController>(ScansController);
                if (typeof controller['setStatus'] === 'function') {
                controller.setStatus(undefined);
                }

              await templateService.apiHandler({
                methodName: 'getScan',
                controller,
                response,
                next,
                validatedArgs,
                successStatus: undefined,
              });
            } catch (err) {
                return next(err);
            }
        });
        // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
        const argsScansController_nmapXml: Record<string, TsoaRoute.ParameterSchema> = {
                id: {"in":"path","name":"id","required":true,"ref":"ResourceId"},
                req: {"in":"request","name":"req","required":true,"dataType":"object"},
        };
        app.get('/v1/scans/:id/nmap.xml',
            authenticateMiddleware([{"bearer":["scans:read"]}]),
            ...(fetchMiddlewares<RequestHandler>(ScansController)),
            ...(fetchMiddlewares<RequestHandler>(ScansController.prototype.nmapXml)),

            async function ScansController_nmapXml(request: ExRequest, response: ExResponse, next: any) {

            // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa

            let validatedArgs: any[] = [];
            try {
                validatedArgs = templateService.getValidatedArgs({ args: argsScansController_nmapXml, request, response });

                const container: IocContainer = typeof iocContainer === 'function' ? (iocContainer as IocContainerFactory)(request) : iocContainer;

                const controller: any = await container.get<ScansController>(ScansController);
                if (typeof controller['setStatus'] === 'function') {
                controller.setStatus(undefined);
                }

              await templateService.apiHandler({
                methodName: 'nmapXml',
                controller,
                response,
                next,
                validatedArgs,
                successStatus: 200,
              });
            } catch (err) {
                return next(err);
            }
        });
        // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
        const argsScansController_listResults: Record<string, TsoaRoute.ParameterSchema> = {
                id: {"in":"path","name":"id","required":true,"ref":"ResourceId"},
                req: {"in":"request","name":"req","required":true,"dataType":"object"},
                cursor: {"in":"query","name":"cursor","ref":"SeqCursor"},
                limit: {"in":"query","name":"limit","dataType":"integer","validators":{"isInt":{"errorMsg":"must be an integer from 1 to 1000"},"minimum":{"errorMsg":"must be an integer from 1 to 1000","value":1},"maximum":{"errorMsg":"must be an integer from 1 to 1000","value":1000}}},
                status: {"in":"query","name":"status","dataType":"array","array":{"dataType":"refAlias","ref":"ResultStatusFilter"}},
        };
        app.get('/v1/scans/:id/results',
            authenticateMiddleware([{"bearer":["scans:read"]}]),
            ...(fetchMiddlewares<RequestHandler>(ScansController)),
            ...(fetchMiddlewares<RequestHandler>(ScansController.prototype.listResults)),

            async function ScansController_listResults(request: ExRequest, response: ExResponse, next: any) {

            // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa

            let validatedArgs: any[] = [];
            try {
                validatedArgs = templateService.getValidatedArgs({ args: argsScansController_listResults, request, response });

                const container: IocContainer = typeof iocContainer === 'function' ? (iocContainer as IocContainerFactory)(request) : iocContainer;

                const controller: any = await container.get<ScansController>(ScansController);
                if (typeof controller['setStatus'] === 'function') {
                controller.setStatus(undefined);
                }

              await templateService.apiHandler({
                methodName: 'listResults',
                controller,
                response,
                next,
                validatedArgs,
                successStatus: undefined,
              });
            } catch (err) {
                return next(err);
            }
        });
        // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
        const argsScansController_exportResults: Record<string, TsoaRoute.ParameterSchema> = {
                id: {"in":"path","name":"id","required":true,"ref":"ResourceId"},
                req: {"in":"request","name":"req","required":true,"dataType":"object"},
                format: {"in":"query","name":"format","required":true,"ref":"ExportFormat"},
                cursor: {"in":"query","name":"cursor","ref":"SeqCursor"},
                limit: {"in":"query","name":"limit","dataType":"integer","validators":{"isInt":{"errorMsg":"must be an integer from 1 to 1000"},"minimum":{"errorMsg":"must be an integer from 1 to 1000","value":1},"maximum":{"errorMsg":"must be an integer from 1 to 1000","value":1000}}},
                status: {"in":"query","name":"status","dataType":"array","array":{"dataType":"refAlias","ref":"ResultStatusFilter"}},
        };
        app.get('/v1/scans/:id/results/export',
            authenticateMiddleware([{"bearer":["scans:read"]}]),
            ...(fetchMiddlewares<RequestHandler>(ScansController)),
            ...(fetchMiddlewares<RequestHandler>(ScansController.prototype.exportResults)),

            async function ScansController_exportResults(request: ExRequest, response: ExResponse, next: any) {

            // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa

            let validatedArgs: any[] = [];
            try {
                validatedArgs = templateService.getValidatedArgs({ args: argsScansController_exportResults, request, response });

                const container: IocContainer = typeof iocContainer === 'function' ? (iocContainer as IocContainerFactory)(request) : iocContainer;

                const controller: any = await container.get<ScansController>(ScansController);
                if (typeof controller['setStatus'] === 'function') {
                controller.setStatus(undefined);
                }

              await templateService.apiHandler({
                methodName: 'exportResults',
                controller,
                response,
                next,
                validatedArgs,
                successStatus: 200,
              });
            } catch (err) {
                return next(err);
            }
        });
        // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
        const argsScansController_scanEvents: Record<string, TsoaRoute.ParameterSchema> = {
                id: {"in":"path","name":"id","required":true,"ref":"ResourceId"},
                req: {"in":"request","name":"req","required":true,"dataType":"object"},
        };
        app.get('/v1/scans/:id/events',
            authenticateMiddleware([{"bearer":["scans:read"]}]),
            ...(fetchMiddlewares<RequestHandler>(ScansController)),
            ...(fetchMiddlewares<RequestHandler>(ScansController.prototype.scanEvents)),

            async function ScansController_scanEvents(request: ExRequest, response: ExResponse, next: any) {

            // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa

            let validatedArgs: any[] = [];
            try {
                validatedArgs = templateService.getValidatedArgs({ args: argsScansController_scanEvents, request, response });

                const container: IocContainer = typeof iocContainer === 'function' ? (iocContainer as IocContainerFactory)(request) : iocContainer;

                const controller: any = await container.get<ScansController>(ScansController);
                if (typeof controller['setStatus'] === 'function') {
                controller.setStatus(undefined);
                }

              await templateService.apiHandler({
                methodName: 'scanEvents',
                controller,
                response,
                next,
                validatedArgs,
                successStatus: 200,
              });
            } catch (err) {
                return next(err);
            }
        });
        // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
        const argsScansController_listDeliveries: Record<string, TsoaRoute.ParameterSchema> = {
                id: {"in":"path","name":"id","required":true,"ref":"ResourceId"},
                req: {"in":"request","name":"req","required":true,"dataType":"object"},
        };
        app.get('/v1/scans/:id/deliveries',
            authenticateMiddleware([{"bearer":["scans:read"]}]),
            ...(fetchMiddlewares<RequestHandler>(ScansController)),
            ...(fetchMiddlewares<RequestHandler>(ScansController.prototype.listDeliveries)),

            async function ScansController_listDeliveries(request: ExRequest, response: ExResponse, next: any) {

            // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa

            let validatedArgs: any[] = [];
            try {
                validatedArgs = templateService.getValidatedArgs({ args: argsScansController_listDeliveries, request, response });

                const container: IocContainer = typeof iocContainer === 'function' ? (iocContainer as IocContainerFactory)(request) : iocContainer;

                const controller: any = await container.get<ScansController>(ScansController);
                if (typeof controller['setStatus'] === 'function') {
                controller.setStatus(undefined);
                }

              await templateService.apiHandler({
                methodName: 'listDeliveries',
                controller,
                response,
                next,
                validatedArgs,
                successStatus: undefined,
              });
            } catch (err) {
                return next(err);
            }
        });
        // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
        const argsScansController_redeliver: Record<string, TsoaRoute.ParameterSchema> = {
                id: {"in":"path","name":"id","required":true,"ref":"ResourceId"},
                deliveryId: {"in":"path","name":"deliveryId","required":true,"ref":"ResourceId"},
                req: {"in":"request","name":"req","required":true,"dataType":"object"},
        };
        app.post('/v1/scans/:id/deliveries/:deliveryId/redeliver',
            authenticateMiddleware([{"bearer":["scans:write"]}]),
            ...(fetchMiddlewares<RequestHandler>(ScansController)),
            ...(fetchMiddlewares<RequestHandler>(ScansController.prototype.redeliver)),

            async function ScansController_redeliver(request: ExRequest, response: ExResponse, next: any) {

            // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa

            let validatedArgs: any[] = [];
            try {
                validatedArgs = templateService.getValidatedArgs({ args: argsScansController_redeliver, request, response });

                const container: IocContainer = typeof iocContainer === 'function' ? (iocContainer as IocContainerFactory)(request) : iocContainer;

                const controller: any = await container.get<ScansController>(ScansController);
                if (typeof controller['setStatus'] === 'function') {
                controller.setStatus(undefined);
                }

              await templateService.apiHandler({
                methodName: 'redeliver',
                controller,
                response,
                next,
                validatedArgs,
                successStatus: 202,
              });
            } catch (err) {
                return next(err);
            }
        });
        // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
        const argsScansController_cancelScan: Record<string, TsoaRoute.ParameterSchema> = {
                id: {"in":"path","name":"id","required":true,"ref":"ResourceId"},
                req: {"in":"request","name":"req","required":true,"dataType":"object"},
        };
        app.delete('/v1/scans/:id',
            authenticateMiddleware([{"bearer":["scans:write"]}]),
            ...(fetchMiddlewares<RequestHandler>(ScansController)),
            ...(fetchMiddlewares<RequestHandler>(ScansController.prototype.cancelScan)),

            async function ScansController_cancelScan(request: ExRequest, response: ExResponse, next: any) {

            // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa

            let validatedArgs: any[] = [];
            try {
                validatedArgs = templateService.getValidatedArgs({ args: argsScansController_cancelScan, request, response });

                const container: IocContainer = typeof iocContainer === 'function' ? (iocContainer as IocContainerFactory)(request) : iocContainer;

                const controller: any = await container.get<ScansController>(ScansController);
                if (typeof controller['setStatus'] === 'function') {
                controller.setStatus(undefined);
                }

              await templateService.apiHandler({
                methodName: 'cancelScan',
                controller,
                response,
                next,
                validatedArgs,
                successStatus: 202,
              });
            } catch (err) {
                return next(err);
            }
        });
        // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
        const argsProbesController_listProbes: Record<string, TsoaRoute.ParameterSchema> = {
        };
        app.get('/v1/probes',
            authenticateMiddleware([{"bearer":["scans:read"]}]),
            ...(fetchMiddlewares<RequestHandler>(ProbesController)),
            ...(fetchMiddlewares<RequestHandler>(ProbesController.prototype.listProbes)),

            async function ProbesController_listProbes(request: ExRequest, response: ExResponse, next: any) {

            // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa

            let validatedArgs: any[] = [];
            try {
                validatedArgs = templateService.getValidatedArgs({ args: argsProbesController_listProbes, request, response });

                const container: IocContainer = typeof iocContainer === 'function' ? (iocContainer as IocContainerFactory)(request) : iocContainer;

                const controller: any = await container.get<ProbesController>(ProbesController);
                if (typeof controller['setStatus'] === 'function') {
                controller.setStatus(undefined);
                }

              await templateService.apiHandler({
                methodName: 'listProbes',
                controller,
                response,
                next,
                validatedArgs,
                successStatus: undefined,
              });
            } catch (err) {
                return next(err);
            }
        });
        // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
        const argsHealthController_healthz: Record<string, TsoaRoute.ParameterSchema> = {
        };
        app.get('/healthz',
            ...(fetchMiddlewares<RequestHandler>(HealthController)),
            ...(fetchMiddlewares<RequestHandler>(HealthController.prototype.healthz)),

            async function HealthController_healthz(request: ExRequest, response: ExResponse, next: any) {

            // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa

            let validatedArgs: any[] = [];
            try {
                validatedArgs = templateService.getValidatedArgs({ args: argsHealthController_healthz, request, response });

                const container: IocContainer = typeof iocContainer === 'function' ? (iocContainer as IocContainerFactory)(request) : iocContainer;

                const controller: any = await container.get<HealthController>(HealthController);
                if (typeof controller['setStatus'] === 'function') {
                controller.setStatus(undefined);
                }

              await templateService.apiHandler({
                methodName: 'healthz',
                controller,
                response,
                next,
                validatedArgs,
                successStatus: undefined,
              });
            } catch (err) {
                return next(err);
            }
        });
        // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
        const argsHealthController_readyz: Record<string, TsoaRoute.ParameterSchema> = {
                req: {"in":"request","name":"req","required":true,"dataType":"object"},
        };
        app.get('/readyz',
            ...(fetchMiddlewares<RequestHandler>(HealthController)),
            ...(fetchMiddlewares<RequestHandler>(HealthController.prototype.readyz)),

            async function HealthController_readyz(request: ExRequest, response: ExResponse, next: any) {

            // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa

            let validatedArgs: any[] = [];
            try {
                validatedArgs = templateService.getValidatedArgs({ args: argsHealthController_readyz, request, response });

                const container: IocContainer = typeof iocContainer === 'function' ? (iocContainer as IocContainerFactory)(request) : iocContainer;

                const controller: any = await container.get<HealthController>(HealthController);
                if (typeof controller['setStatus'] === 'function') {
                controller.setStatus(undefined);
                }

              await templateService.apiHandler({
                methodName: 'readyz',
                controller,
                response,
                next,
                validatedArgs,
                successStatus: undefined,
              });
            } catch (err) {
                return next(err);
            }
        });
        // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
        const argsFingerprintsController_listFingerprints: Record<string, TsoaRoute.ParameterSchema> = {
        };
        app.get('/v1/fingerprints',
            authenticateMiddleware([{"bearer":["scans:read"]}]),
            ...(fetchMiddlewares<RequestHandler>(FingerprintsController)),
            ...(fetchMiddlewares<RequestHandler>(FingerprintsController.prototype.listFingerprints)),

            async function FingerprintsController_listFingerprints(request: ExRequest, response: ExResponse, next: any) {

            // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa

            let validatedArgs: any[] = [];
            try {
                validatedArgs = templateService.getValidatedArgs({ args: argsFingerprintsController_listFingerprints, request, response });

                const container: IocContainer = typeof iocContainer === 'function' ? (iocContainer as IocContainerFactory)(request) : iocContainer;

                const controller: any = await container.get<FingerprintsController>(FingerprintsController);
                if (typeof controller['setStatus'] === 'function') {
                controller.setStatus(undefined);
                }

              await templateService.apiHandler({
                methodName: 'listFingerprints',
                controller,
                response,
                next,
                validatedArgs,
                successStatus: undefined,
              });
            } catch (err) {
                return next(err);
            }
        });
        // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
        const argsFingerprintsController_matchFingerprints: Record<string, TsoaRoute.ParameterSchema> = {
                body: {"in":"body","name":"body","required":true,"dataType":"any"},
        };
        app.post('/v1/fingerprints/match',
            authenticateMiddleware([{"bearer":["scans:read"]}]),
            ...(fetchMiddlewares<RequestHandler>(FingerprintsController)),
            ...(fetchMiddlewares<RequestHandler>(FingerprintsController.prototype.matchFingerprints)),

            async function FingerprintsController_matchFingerprints(request: ExRequest, response: ExResponse, next: any) {

            // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa

            let validatedArgs: any[] = [];
            try {
                validatedArgs = templateService.getValidatedArgs({ args: argsFingerprintsController_matchFingerprints, request, response });

                const container: IocContainer = typeof iocContainer === 'function' ? (iocContainer as IocContainerFactory)(request) : iocContainer;

                const controller: any = await container.get<FingerprintsController>(FingerprintsController);
                if (typeof controller['setStatus'] === 'function') {
                controller.setStatus(undefined);
                }

              await templateService.apiHandler({
                methodName: 'matchFingerprints',
                controller,
                response,
                next,
                validatedArgs,
                successStatus: undefined,
              });
            } catch (err) {
                return next(err);
            }
        });
        // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
        const argsCatalogsController_listCatalogs: Record<string, TsoaRoute.ParameterSchema> = {
                req: {"in":"request","name":"req","required":true,"dataType":"object"},
        };
        app.get('/v1/catalogs',
            authenticateMiddleware([{"bearer":["scans:read"]}]),
            ...(fetchMiddlewares<RequestHandler>(CatalogsController)),
            ...(fetchMiddlewares<RequestHandler>(CatalogsController.prototype.listCatalogs)),

            async function CatalogsController_listCatalogs(request: ExRequest, response: ExResponse, next: any) {

            // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa

            let validatedArgs: any[] = [];
            try {
                validatedArgs = templateService.getValidatedArgs({ args: argsCatalogsController_listCatalogs, request, response });

                const container: IocContainer = typeof iocContainer === 'function' ? (iocContainer as IocContainerFactory)(request) : iocContainer;

                const controller: any = await container.get<CatalogsController>(CatalogsController);
                if (typeof controller['setStatus'] === 'function') {
                controller.setStatus(undefined);
                }

              await templateService.apiHandler({
                methodName: 'listCatalogs',
                controller,
                response,
                next,
                validatedArgs,
                successStatus: undefined,
              });
            } catch (err) {
                return next(err);
            }
        });
        // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
        const argsCatalogsController_createCatalog: Record<string, TsoaRoute.ParameterSchema> = {
                body: {"in":"body","name":"body","required":true,"ref":"CatalogInput"},
                req: {"in":"request","name":"req","required":true,"dataType":"object"},
        };
        app.post('/v1/catalogs',
            authenticateMiddleware([{"bearer":["scans:write"]}]),
            ...(fetchMiddlewares<RequestHandler>(CatalogsController)),
            ...(fetchMiddlewares<RequestHandler>(CatalogsController.prototype.createCatalog)),

            async function CatalogsController_createCatalog(request: ExRequest, response: ExResponse, next: any) {

            // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa

            let validatedArgs: any[] = [];
            try {
                validatedArgs = templateService.getValidatedArgs({ args: argsCatalogsController_createCatalog, request, response });

                const container: IocContainer = typeof iocContainer === 'function' ? (iocContainer as IocContainerFactory)(request) : iocContainer;

                const controller: any = await container.get<CatalogsController>(CatalogsController);
                if (typeof controller['setStatus'] === 'function') {
                controller.setStatus(undefined);
                }

              await templateService.apiHandler({
                methodName: 'createCatalog',
                controller,
                response,
                next,
                validatedArgs,
                successStatus: 201,
              });
            } catch (err) {
                return next(err);
            }
        });
        // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
        const argsCatalogsController_getCatalog: Record<string, TsoaRoute.ParameterSchema> = {
                id: {"in":"path","name":"id","required":true,"ref":"ResourceId"},
                req: {"in":"request","name":"req","required":true,"dataType":"object"},
        };
        app.get('/v1/catalogs/:id',
            authenticateMiddleware([{"bearer":["scans:read"]}]),
            ...(fetchMiddlewares<RequestHandler>(CatalogsController)),
            ...(fetchMiddlewares<RequestHandler>(CatalogsController.prototype.getCatalog)),

            async function CatalogsController_getCatalog(request: ExRequest, response: ExResponse, next: any) {

            // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa

            let validatedArgs: any[] = [];
            try {
                validatedArgs = templateService.getValidatedArgs({ args: argsCatalogsController_getCatalog, request, response });

                const container: IocContainer = typeof iocContainer === 'function' ? (iocContainer as IocContainerFactory)(request) : iocContainer;

                const controller: any = await container.get<CatalogsController>(CatalogsController);
                if (typeof controller['setStatus'] === 'function') {
                controller.setStatus(undefined);
                }

              await templateService.apiHandler({
                methodName: 'getCatalog',
                controller,
                response,
                next,
                validatedArgs,
                successStatus: undefined,
              });
            } catch (err) {
                return next(err);
            }
        });
        // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
        const argsCatalogsController_deleteCatalog: Record<string, TsoaRoute.ParameterSchema> = {
                id: {"in":"path","name":"id","required":true,"ref":"ResourceId"},
                req: {"in":"request","name":"req","required":true,"dataType":"object"},
        };
        app.delete('/v1/catalogs/:id',
            authenticateMiddleware([{"bearer":["scans:write"]}]),
            ...(fetchMiddlewares<RequestHandler>(CatalogsController)),
            ...(fetchMiddlewares<RequestHandler>(CatalogsController.prototype.deleteCatalog)),

            async function CatalogsController_deleteCatalog(request: ExRequest, response: ExResponse, next: any) {

            // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa

            let validatedArgs: any[] = [];
            try {
                validatedArgs = templateService.getValidatedArgs({ args: argsCatalogsController_deleteCatalog, request, response });

                const container: IocContainer = typeof iocContainer === 'function' ? (iocContainer as IocContainerFactory)(request) : iocContainer;

                const controller: any = await container.get<CatalogsController>(CatalogsController);
                if (typeof controller['setStatus'] === 'function') {
                controller.setStatus(undefined);
                }

              await templateService.apiHandler({
                methodName: 'deleteCatalog',
                controller,
                response,
                next,
                validatedArgs,
                successStatus: 204,
              });
            } catch (err) {
                return next(err);
            }
        });
        // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
        const argsCatalogsController_getTree: Record<string, TsoaRoute.ParameterSchema> = {
                id: {"in":"path","name":"id","required":true,"ref":"ResourceId"},
                req: {"in":"request","name":"req","required":true,"dataType":"object"},
        };
        app.get('/v1/catalogs/:id/tree',
            authenticateMiddleware([{"bearer":["scans:read"]}]),
            ...(fetchMiddlewares<RequestHandler>(CatalogsController)),
            ...(fetchMiddlewares<RequestHandler>(CatalogsController.prototype.getTree)),

            async function CatalogsController_getTree(request: ExRequest, response: ExResponse, next: any) {

            // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa

            let validatedArgs: any[] = [];
            try {
                validatedArgs = templateService.getValidatedArgs({ args: argsCatalogsController_getTree, request, response });

                const container: IocContainer = typeof iocContainer === 'function' ? (iocContainer as IocContainerFactory)(request) : iocContainer;

                const controller: any = await container.get<CatalogsController>(CatalogsController);
                if (typeof controller['setStatus'] === 'function') {
                controller.setStatus(undefined);
                }

              await templateService.apiHandler({
                methodName: 'getTree',
                controller,
                response,
                next,
                validatedArgs,
                successStatus: undefined,
              });
            } catch (err) {
                return next(err);
            }
        });
        // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
        const argsHistoryController_getAssetHistory: Record<string, TsoaRoute.ParameterSchema> = {
                ip: {"in":"path","name":"ip","required":true,"ref":"IpAddress"},
                req: {"in":"request","name":"req","required":true,"dataType":"object"},
                fact: {"in":"query","name":"fact","ref":"FactFilter"},
                limit: {"in":"query","name":"limit","dataType":"integer","validators":{"isInt":{"errorMsg":"must be an integer from 1 to 200"},"minimum":{"errorMsg":"must be an integer from 1 to 200","value":1},"maximum":{"errorMsg":"must be an integer from 1 to 200","value":200}}},
                cursor: {"in":"query","name":"cursor","ref":"SeqCursor"},
        };
        app.get('/v1/assets/:ip/history',
            authenticateMiddleware([{"bearer":["scans:read"]}]),
            ...(fetchMiddlewares<RequestHandler>(HistoryController)),
            ...(fetchMiddlewares<RequestHandler>(HistoryController.prototype.getAssetHistory)),

            async function HistoryController_getAssetHistory(request: ExRequest, response: ExResponse, next: any) {

            // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa

            let validatedArgs: any[] = [];
            try {
                validatedArgs = templateService.getValidatedArgs({ args: argsHistoryController_getAssetHistory, request, response });

                const container: IocContainer = typeof iocContainer === 'function' ? (iocContainer as IocContainerFactory)(request) : iocContainer;

                const controller: any = await container.get<HistoryController>(HistoryController);
                if (typeof controller['setStatus'] === 'function') {
                controller.setStatus(undefined);
                }

              await templateService.apiHandler({
                methodName: 'getAssetHistory',
                controller,
                response,
                next,
                validatedArgs,
                successStatus: undefined,
              });
            } catch (err) {
                return next(err);
            }
        });
        // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
        const argsHistoryController_listChanges: Record<string, TsoaRoute.ParameterSchema> = {
                req: {"in":"request","name":"req","required":true,"dataType":"object"},
                since: {"in":"query","name":"since","ref":"IsoTime"},
                cidr: {"in":"query","name":"cidr","ref":"Network"},
                kind: {"in":"query","name":"kind","ref":"ChangeKindFilter"},
                limit: {"in":"query","name":"limit","dataType":"integer","validators":{"isInt":{"errorMsg":"must be an integer from 1 to 200"},"minimum":{"errorMsg":"must be an integer from 1 to 200","value":1},"maximum":{"errorMsg":"must be an integer from 1 to 200","value":200}}},
                cursor: {"in":"query","name":"cursor","ref":"SeqCursor"},
        };
        app.get('/v1/changes',
            authenticateMiddleware([{"bearer":["scans:read"]}]),
            ...(fetchMiddlewares<RequestHandler>(HistoryController)),
            ...(fetchMiddlewares<RequestHandler>(HistoryController.prototype.listChanges)),

            async function HistoryController_listChanges(request: ExRequest, response: ExResponse, next: any) {

            // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa

            let validatedArgs: any[] = [];
            try {
                validatedArgs = templateService.getValidatedArgs({ args: argsHistoryController_listChanges, request, response });

                const container: IocContainer = typeof iocContainer === 'function' ? (iocContainer as IocContainerFactory)(request) : iocContainer;

                const controller: any = await container.get<HistoryController>(HistoryController);
                if (typeof controller['setStatus'] === 'function') {
                controller.setStatus(undefined);
                }

              await templateService.apiHandler({
                methodName: 'listChanges',
                controller,
                response,
                next,
                validatedArgs,
                successStatus: undefined,
              });
            } catch (err) {
                return next(err);
            }
        });
        // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
        const argsAssetsController_listAssets: Record<string, TsoaRoute.ParameterSchema> = {
                req: {"in":"request","name":"req","required":true,"dataType":"object"},
                cidr: {"in":"query","name":"cidr","ref":"Network"},
                port: {"in":"query","name":"port","ref":"Port"},
                service: {"in":"query","name":"service","ref":"ServiceName"},
                manufacturer: {"in":"query","name":"manufacturer","ref":"ManufacturerFilter"},
                seenSince: {"in":"query","name":"seenSince","ref":"TimeOrAge"},
                minFreshness: {"in":"query","name":"minFreshness","dataType":"double","validators":{"minimum":{"errorMsg":"must be a number from 0 to 1","value":0},"maximum":{"errorMsg":"must be a number from 0 to 1","value":1}}},
                limit: {"in":"query","name":"limit","dataType":"integer","validators":{"isInt":{"errorMsg":"must be an integer from 1 to 1000"},"minimum":{"errorMsg":"must be an integer from 1 to 1000","value":1},"maximum":{"errorMsg":"must be an integer from 1 to 1000","value":1000}}},
                cursor: {"in":"query","name":"cursor","ref":"IpAddress"},
        };
        app.get('/v1/assets',
            authenticateMiddleware([{"bearer":["scans:read"]}]),
            ...(fetchMiddlewares<RequestHandler>(AssetsController)),
            ...(fetchMiddlewares<RequestHandler>(AssetsController.prototype.listAssets)),

            async function AssetsController_listAssets(request: ExRequest, response: ExResponse, next: any) {

            // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa

            let validatedArgs: any[] = [];
            try {
                validatedArgs = templateService.getValidatedArgs({ args: argsAssetsController_listAssets, request, response });

                const container: IocContainer = typeof iocContainer === 'function' ? (iocContainer as IocContainerFactory)(request) : iocContainer;

                const controller: any = await container.get<AssetsController>(AssetsController);
                if (typeof controller['setStatus'] === 'function') {
                controller.setStatus(undefined);
                }

              await templateService.apiHandler({
                methodName: 'listAssets',
                controller,
                response,
                next,
                validatedArgs,
                successStatus: undefined,
              });
            } catch (err) {
                return next(err);
            }
        });
        // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
        const argsAssetsController_exportAssets: Record<string, TsoaRoute.ParameterSchema> = {
                req: {"in":"request","name":"req","required":true,"dataType":"object"},
                format: {"in":"query","name":"format","required":true,"ref":"ExportFormat"},
                cidr: {"in":"query","name":"cidr","ref":"Network"},
                port: {"in":"query","name":"port","ref":"Port"},
                service: {"in":"query","name":"service","ref":"ServiceName"},
                manufacturer: {"in":"query","name":"manufacturer","ref":"ManufacturerFilter"},
                seenSince: {"in":"query","name":"seenSince","ref":"TimeOrAge"},
                minFreshness: {"in":"query","name":"minFreshness","dataType":"double","validators":{"minimum":{"errorMsg":"must be a number from 0 to 1","value":0},"maximum":{"errorMsg":"must be a number from 0 to 1","value":1}}},
                limit: {"in":"query","name":"limit","dataType":"integer","validators":{"isInt":{"errorMsg":"must be an integer from 1 to 1000"},"minimum":{"errorMsg":"must be an integer from 1 to 1000","value":1},"maximum":{"errorMsg":"must be an integer from 1 to 1000","value":1000}}},
                cursor: {"in":"query","name":"cursor","ref":"IpAddress"},
        };
        app.get('/v1/assets/export',
            authenticateMiddleware([{"bearer":["scans:read"]}]),
            ...(fetchMiddlewares<RequestHandler>(AssetsController)),
            ...(fetchMiddlewares<RequestHandler>(AssetsController.prototype.exportAssets)),

            async function AssetsController_exportAssets(request: ExRequest, response: ExResponse, next: any) {

            // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa

            let validatedArgs: any[] = [];
            try {
                validatedArgs = templateService.getValidatedArgs({ args: argsAssetsController_exportAssets, request, response });

                const container: IocContainer = typeof iocContainer === 'function' ? (iocContainer as IocContainerFactory)(request) : iocContainer;

                const controller: any = await container.get<AssetsController>(AssetsController);
                if (typeof controller['setStatus'] === 'function') {
                controller.setStatus(undefined);
                }

              await templateService.apiHandler({
                methodName: 'exportAssets',
                controller,
                response,
                next,
                validatedArgs,
                successStatus: 200,
              });
            } catch (err) {
                return next(err);
            }
        });
        // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
        const argsAssetsController_exportServices: Record<string, TsoaRoute.ParameterSchema> = {
                req: {"in":"request","name":"req","required":true,"dataType":"object"},
                format: {"in":"query","name":"format","required":true,"ref":"ExportFormat"},
                cidr: {"in":"query","name":"cidr","ref":"Network"},
                port: {"in":"query","name":"port","ref":"Port"},
                service: {"in":"query","name":"service","ref":"ServiceName"},
                manufacturer: {"in":"query","name":"manufacturer","ref":"ManufacturerFilter"},
                seenSince: {"in":"query","name":"seenSince","ref":"TimeOrAge"},
                minFreshness: {"in":"query","name":"minFreshness","dataType":"double","validators":{"minimum":{"errorMsg":"must be a number from 0 to 1","value":0},"maximum":{"errorMsg":"must be a number from 0 to 1","value":1}}},
                limit: {"in":"query","name":"limit","dataType":"integer","validators":{"isInt":{"errorMsg":"must be an integer from 1 to 1000"},"minimum":{"errorMsg":"must be an integer from 1 to 1000","value":1},"maximum":{"errorMsg":"must be an integer from 1 to 1000","value":1000}}},
                cursor: {"in":"query","name":"cursor","ref":"IpAddress"},
        };
        app.get('/v1/assets/services/export',
            authenticateMiddleware([{"bearer":["scans:read"]}]),
            ...(fetchMiddlewares<RequestHandler>(AssetsController)),
            ...(fetchMiddlewares<RequestHandler>(AssetsController.prototype.exportServices)),

            async function AssetsController_exportServices(request: ExRequest, response: ExResponse, next: any) {

            // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa

            let validatedArgs: any[] = [];
            try {
                validatedArgs = templateService.getValidatedArgs({ args: argsAssetsController_exportServices, request, response });

                const container: IocContainer = typeof iocContainer === 'function' ? (iocContainer as IocContainerFactory)(request) : iocContainer;

                const controller: any = await container.get<AssetsController>(AssetsController);
                if (typeof controller['setStatus'] === 'function') {
                controller.setStatus(undefined);
                }

              await templateService.apiHandler({
                methodName: 'exportServices',
                controller,
                response,
                next,
                validatedArgs,
                successStatus: 200,
              });
            } catch (err) {
                return next(err);
            }
        });
        // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
        const argsAssetsController_getAsset: Record<string, TsoaRoute.ParameterSchema> = {
                ip: {"in":"path","name":"ip","required":true,"ref":"IpAddress"},
                req: {"in":"request","name":"req","required":true,"dataType":"object"},
        };
        app.get('/v1/assets/:ip',
            authenticateMiddleware([{"bearer":["scans:read"]}]),
            ...(fetchMiddlewares<RequestHandler>(AssetsController)),
            ...(fetchMiddlewares<RequestHandler>(AssetsController.prototype.getAsset)),

            async function AssetsController_getAsset(request: ExRequest, response: ExResponse, next: any) {

            // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa

            let validatedArgs: any[] = [];
            try {
                validatedArgs = templateService.getValidatedArgs({ args: argsAssetsController_getAsset, request, response });

                const container: IocContainer = typeof iocContainer === 'function' ? (iocContainer as IocContainerFactory)(request) : iocContainer;

                const controller: any = await container.get<AssetsController>(AssetsController);
                if (typeof controller['setStatus'] === 'function') {
                controller.setStatus(undefined);
                }

              await templateService.apiHandler({
                methodName: 'getAsset',
                controller,
                response,
                next,
                validatedArgs,
                successStatus: undefined,
              });
            } catch (err) {
                return next(err);
            }
        });
        // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa

    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa


    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa

    function authenticateMiddleware(security: TsoaRoute.Security[] = []) {
        return async function runAuthenticationMiddleware(request: any, response: any, next: any) {

            // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa

            // keep track of failed auth attempts so we can hand back the most
            // recent one.  This behavior was previously existing so preserving it
            // here
            const failedAttempts: any[] = [];
            const pushAndRethrow = (error: any) => {
                failedAttempts.push(error);
                throw error;
            };

            const secMethodOrPromises: Promise<any>[] = [];
            for (const secMethod of security) {
                if (Object.keys(secMethod).length > 1) {
                    const secMethodAndPromises: Promise<any>[] = [];

                    for (const name in secMethod) {
                        secMethodAndPromises.push(
                            expressAuthenticationRecasted(request, name, secMethod[name], response)
                                .catch(pushAndRethrow)
                        );
                    }

                    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa

                    secMethodOrPromises.push(Promise.all(secMethodAndPromises)
                        .then(users => { return users[0]; }));
                } else {
                    for (const name in secMethod) {
                        secMethodOrPromises.push(
                            expressAuthenticationRecasted(request, name, secMethod[name], response)
                                .catch(pushAndRethrow)
                        );
                    }
                }
            }

            // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa

            try {
                request['user'] = await Promise.any(secMethodOrPromises);

                // Response was sent in middleware, abort
                if (response.writableEnded) {
                    return;
                }

                next();
            }
            catch(err) {
                // Show most recent error as response
                const error = failedAttempts.pop();
                error.status = error.status || 401;

                // Response was sent in middleware, abort
                if (response.writableEnded) {
                    return;
                }
                next(error);
            }

            // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
        }
    }

    // WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
}

// WARNING: This file was auto-generated with tsoa. Please do not modify it. Re-run tsoa to re-generate this file: https://github.com/lukeautry/tsoa
