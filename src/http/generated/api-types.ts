// Generated from openapi/openapi.json by openapi-typescript (npm run generate); do not edit.
export interface paths {
    "/v1/tokens": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List integration tokens
         * @description The integration tokens minted here, newest first, revoked and expired ones included; never the JWTs.
         */
        get: operations["ListTokens"];
        put?: never;
        /**
         * Mint an integration token
         * @description Mints a named token for an integration, with its scopes and expiry. The JWT is in this answer
         *     only; its `jti` is the token's `id`, which revokes it.
         */
        post: operations["CreateToken"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tokens/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Revoke an integration token
         * @description Revokes a token: refused from the next request on. Idempotent.
         */
        delete: operations["RevokeToken"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/sensors": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List live sensors
         * @description The sensors serving this API: site, CIDRs, version, capacity, jobs running, last heartbeat.
         */
        get: operations["ListSensors"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/scans": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List scans
         * @description Lists the caller's scans (all scans for `admin`), newest first.
         */
        get: operations["ListScans"];
        put?: never;
        /**
         * Create a scan
         * @description Creates a scan. Every target is checked against the scope before anything is stored or sent.
         *     `mode: "sync"` answers 200 with the finished scan (202 if it outlasts the server's sync wait);
         *     `mode: "async"` answers 202 with `Location`.
         */
        post: operations["CreateScan"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/scans/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a scan with its results
         * @description One scan with its results and the asset facts derived from them. (Older clients' `Accept:
         *     application/xml` still gets the scan as nmap XML, as `GET /v1/scans/{id}/nmap.xml` does.)
         */
        get: operations["GetScan"];
        put?: never;
        post?: never;
        /**
         * Cancel a scan
         * @description Cancels a queued or running scan; idempotent (a cancelled scan is answered as it is). A scan
         *     that completed or failed is not cancelled: `409` with code `scan-finished` and its `scanStatus`.
         */
        delete: operations["CancelScan"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/scans/{id}/nmap.xml": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Export a scan as nmap XML
         * @description The scan as `nmap -oX` writes one (nmaprun, host, status, address with the MAC where known,
         *     hostnames, ports, port, state, service, runstats), for tools that read nmap output.
         */
        get: operations["NmapXml"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/scans/{id}/results": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List a scan's results
         * @description A scan's results in `seq` order, a page at a time: for scans too big to read in one answer.
         *     A running scan's last page has a `nextCursor`: more may come. The same results as NDJSON or CSV:
         *     `GET /v1/scans/{id}/results/export`. (Older clients' `Accept: application/x-ndjson` or `text/csv`
         *     here still gets that export.)
         */
        get: operations["ListResults"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/scans/{id}/results/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Export a scan's results (NDJSON, CSV)
         * @description A scan's results as NDJSON (one result per line, as in the JSON page) or CSV (one line per
         *     result: its fields, then what its answer said — service, product, version, hostname,
         *     manufacturer, model, os, type, banner — with no JSON in a cell). Every result after `cursor`
         *     unless `limit` is given; then the next page is in `Link: …; rel="next"`.
         */
        get: operations["ExportResults"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/scans/{id}/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Stream a scan's results (SSE)
         * @description Server-Sent Events: one `result` event per result (id = its `seq`; `Last-Event-ID` resumes),
         *     then one `end` event with the final status.
         */
        get: operations["ScanEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/scans/{id}/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List a scan's webhook deliveries
         * @description The webhook delivery of this scan, with every try: time, status code, latency, error.
         */
        get: operations["ListDeliveries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/scans/{id}/deliveries/{deliveryId}/redeliver": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send a webhook delivery again
         * @description Sends a finished delivery again, with the same `webhook-id`.
         */
        post: operations["Redeliver"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/probes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the probe catalogue
         * @description The probe catalogue: each probe type, its parameters with defaults and limits, its category.
         */
        get: operations["ListProbes"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/healthz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Liveness
         * @description Liveness: the process answers.
         */
        get: operations["Healthz"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/readyz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Readiness
         * @description Readiness: the store is open and, with sensors, Redis answers; says whether nmap (deep probes)
         *     is available. Open to all; nmap's version and path only with an `admin` token.
         */
        get: operations["Readyz"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/fingerprints": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List fingerprint databases
         * @description The loaded fingerprint databases, in precedence order, with their files and counts.
         */
        get: operations["ListFingerprints"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/fingerprints/match": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Match answers against the fingerprints
         * @description Facts from answers the caller already holds (an SSH banner from an NDR's log, a `Server`
         *     header, a sysDescr): no packet is sent. Each fact names the fingerprint that gave it.
         */
        post: operations["MatchFingerprints"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/catalogs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List classification catalogues
         * @description Classification catalogues with the statistics of their probe-order trees: the built-in and
         *     configured ones, and the caller's own (all for an admin).
         */
        get: operations["ListCatalogs"];
        put?: never;
        /**
         * Add a classification catalogue
         * @description Adds a catalogue (device type → open TCP ports), visible to its creator (and admins); its trees
         *     are built at once, in turns with other principals' builds, and stopped past PSCAN_CATALOG_BUILD_TIMEOUT_MS.
         */
        post: operations["CreateCatalog"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/catalogs/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a catalogue */
        get: operations["GetCatalog"];
        put?: never;
        post?: never;
        /**
         * Delete a classification catalogue
         * @description Deletes a catalogue created through the API (its creator or an admin); not while a queued or running scan names it.
         */
        delete: operations["DeleteCatalog"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/catalogs/{id}/tree": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a catalogue's probe-order trees
         * @description The probe-order trees, inspectable: each node a port, its open and closed branches; leaves the device types.
         */
        get: operations["GetTree"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/assets/{ip}/history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * An address's history, as intervals of unchanged values
         * @description What the caller's scans (all scans for admin) observed of this address, as intervals, the newest opened first: each value of
         *     each fact (per source) and each port state (`open`, or `closed` on a refusal) from its first observation to its last, with
         *     how many observations it merges and the scans (and results) at either end. An unchanged value extends its interval; a
         *     changed one opens the next. Intervals last seen more than PSCAN_HISTORY_MAX_AGE_DAYS ago go; at most PSCAN_HISTORY_PER_ASSET
         *     are kept per fact.
         */
        get: operations["GetAssetHistory"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/changes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The change feed
         * @description What scans found changed (a port opened or closed, a version, a hostname, a MAC on the same address…), in the order the changes were
         *     recorded; poll with `nextCursor` for what comes after. The caller's scans only (all scans for admin).
         */
        get: operations["ListChanges"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/assets": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List assets
         * @description What the caller's scans (all scans for admin) have learned per address, in address order, each
         *     fact with when it was observed and its freshness. Filters combine (all must hold). The same
         *     assets as NDJSON or CSV: `GET /v1/assets/export`; their services one per line:
         *     `GET /v1/assets/services/export`. (Older clients' `Accept: application/x-ndjson` or `text/csv`
         *     here still gets the asset export.)
         */
        get: operations["ListAssets"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/assets/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Export assets (NDJSON, CSV)
         * @description The assets of `GET /v1/assets` as NDJSON (one asset per line, as in the JSON page) or CSV (one
         *     line per address: its facts, how many services, when last seen,
         *     freshness, scans). Every matching asset unless `limit` is given; then the next page is in
         *     `Link: …; rel="next"`.
         */
        get: operations["ExportAssets"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/assets/services/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Export the assets' services (NDJSON, CSV)
         * @description The services of the assets of `GET /v1/assets`, one per (address, service): NDJSON or CSV
         *     (ip, hostname, manufacturer, port, protocol, name, vendor, product, version, banner, CPE names
         *     space-separated, when observed). The filters and pages are the assets'; a page holds the
         *     services of `limit` assets, and the next page is in `Link: …; rel="next"`.
         */
        get: operations["ExportServices"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/assets/{ip}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get one address's asset */
        get: operations["GetAsset"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /** @enum {string} */
        TokenScope: "scans:read" | "scans:write" | "scans:intrusive" | "admin";
        MintedToken: {
            /** @description Also the token's `jti`. */
            id: string;
            name: string;
            /**
             * @description The token's `sub`: `token:<name>:<id>`, apart from people's names so it sees only its own
             *     scans, and unique forever: a token minted again under a revoked one's name is someone new.
             */
            sub: string;
            scopes: components["schemas"]["TokenScope"][];
            createdAt: string;
            expiresAt: string;
            /** @description The admin who minted it. */
            createdBy: string;
            revokedAt?: string;
            /** @description The JWT: shown this once, never stored. */
            token: string;
        };
        /** @description One invalid field of a request. */
        FieldError: {
            /** @description JSON Pointer into the request body, e.g. `/probes/0/mx`. */
            path: string;
            message: string;
        };
        /** @description RFC 9457 problem details, as every error of this API is answered. */
        Problem: {
            type: string;
            title: string;
            /** Format: double */
            status: number;
            detail: string;
            /** @description Stable machine-readable code; also the last segment of `type`. */
            code: string;
            /** @description For validation errors: each invalid field, by JSON Pointer. */
            errors?: components["schemas"]["FieldError"][];
        } & {
            [key: string]: unknown;
        };
        TokenInput: {
            /** @description What the token is for, e.g. `ndr-splunk`; its `sub` is `token:<name>:<id>`. */
            name: string;
            scopes: components["schemas"]["TokenScope"][];
            /**
             * Format: int32
             * @description Days until it expires, 1–366; default 90.
             */
            expiresInDays?: number;
        };
        /** @description An integration token as stored: never the JWT itself, which is shown once when minted. */
        TokenRecord: {
            /** @description Also the token's `jti`. */
            id: string;
            name: string;
            /**
             * @description The token's `sub`: `token:<name>:<id>`, apart from people's names so it sees only its own
             *     scans, and unique forever: a token minted again under a revoked one's name is someone new.
             */
            sub: string;
            scopes: components["schemas"]["TokenScope"][];
            createdAt: string;
            expiresAt: string;
            /** @description The admin who minted it. */
            createdBy: string;
            revokedAt?: string;
        };
        /**
         * @description An id as this server issued it, in a path: a scan's `scn_…`, a token's `tok_…`, a delivery's
         *     `msg_…`, a catalogue's `cat_…`, `default` or configured name. Any other is not found (404).
         */
        ResourceId: string;
        SensorInfo: {
            id: string;
            site: string;
            cidrs: string[];
            version: string;
            /**
             * Format: double
             * @description Work jobs it runs at once.
             */
            capacity: number;
            /**
             * Format: double
             * @description Work jobs running now.
             */
            running: number;
            /** @description The local address multicast queries leave from (PSCAN_INTERFACE / --interface). */
            interface?: string;
            host: string;
            /** Format: double */
            pid: number;
            tools: {
                nmap: boolean;
            };
            startedAt: string;
            lastSeenAt: string;
        };
        SensorList: {
            /**
             * @description `embedded`: this API runs probes itself (no PSCAN_QUEUE_URL); `queue`: sensors do.
             * @enum {string}
             */
            mode: "embedded" | "queue";
            /** @description Live sensors (heartbeat within three intervals), by site. */
            items: components["schemas"]["SensorInfo"][];
        };
        /** @enum {string} */
        ResultStatus: "ok" | "closed" | "timeout" | "unreachable" | "malformed" | "error";
        /** @description What an HTTP answer tells: status, `Server`, the `WWW-Authenticate` realm, `<title>`. */
        HttpFacts: {
            /** Format: double */
            status: number;
            reason: string;
            server?: string;
            title?: string;
            realm?: string;
            /** @description The whole `WWW-Authenticate` value. */
            authenticate?: string;
            /** @description `Set-Cookie` values, at most 8. */
            cookies?: string[];
            contentType?: string;
        };
        SshFacts: {
            protocol: string;
            software: string;
            comments?: string;
        };
        RtspFacts: {
            /** Format: double */
            status: number;
            server?: string;
            public?: string[];
        };
        LineFacts: {
            /** Format: double */
            code?: number;
            text: string;
            /** @description Telnet: every line the server showed (negotiation removed, control characters dropped), at most 512 characters. */
            screen?: string;
        };
        BannerData: {
            /** @description The service recognised from the bytes themselves, else the port's usual service. */
            service?: string;
            product?: string;
            version?: string;
            /** @description The operating system the software gives away (Dropbear, `OpenSSH_9.2p1 Debian-2`, `Apache (Win64)`), as nmap's service probes infer it. */
            os?: string;
            http?: components["schemas"]["HttpFacts"];
            ssh?: components["schemas"]["SshFacts"];
            rtsp?: components["schemas"]["RtspFacts"];
            ftp?: components["schemas"]["LineFacts"];
            smtp?: components["schemas"]["LineFacts"];
            pop3?: components["schemas"]["LineFacts"];
            imap?: components["schemas"]["LineFacts"];
            telnet?: components["schemas"]["LineFacts"];
            /** Format: int32 */
            port: number;
            /** @description What was received, as printable text (at most 2048 characters). */
            banner: string;
            /**
             * Format: int32
             * @description Bytes read, at most the server's cap (64 KiB by default).
             */
            bytes: number;
            /**
             * @description Why reading stopped early: the size cap or the connection deadline.
             * @enum {string}
             */
            cut?: "size" | "deadline";
            /** @description The request sent after connecting, when the port's protocol has the client speak first. */
            request?: string;
            /** @description The peer reset the connection after accepting it. */
            reset?: boolean;
        };
        /** @description One port as nmap's service/version detection saw it. */
        NmapPort: {
            /** Format: double */
            port: number;
            protocol: string;
            /** @description open, closed, filtered, … as nmap says. */
            state: string;
            reason?: string;
            name?: string;
            product?: string;
            version?: string;
            extrainfo?: string;
            ostype?: string;
            devicetype?: string;
            cpe: string[];
            /** @description `probed` (a probe matched) or `table` (guessed from the port number). */
            method?: string;
            /**
             * Format: int32
             * @description nmap's confidence, 0–10.
             */
            conf?: number;
        };
        NmapData: {
            /**
             * @description Tells nmap's version detection from a banner in a `tcp-banner` result (absent in results stored before it existed).
             * @enum {string}
             */
            kind: "nmap";
            nmap: {
                /**
                 * Format: int32
                 * @description Packets counted for this run (see README: a lower bound).
                 */
                packetsCounted: number;
                /** Format: double */
                elapsedSeconds?: number;
                /** @description nmap gave up on the host at --host-timeout; the ports are what it had by then. */
                timedOut: boolean;
                ports: components["schemas"]["NmapPort"][];
                /** @description The exact argument list nmap ran with. */
                args: string[];
                version?: string;
            };
        };
        /** @description What a `tcp-banner` result holds: a port's banner, or nmap's version detection over the ports. */
        TcpBannerData: components["schemas"]["BannerData"] | components["schemas"]["NmapData"];
        /** @description One variable binding as the agent answered it. */
        Varbind: {
            oid: string;
            /** @description The SNMP type name, or the exception (`noSuchObject`, `noSuchInstance`, `endOfMibView`). */
            type: string;
            /** @description Text for printable OctetStrings, hex (`aa:bb:…`) otherwise; Counter64 as a decimal string; null for exceptions. */
            value: (string | null) | (number | null) | (boolean | null);
            /**
             * @description How `value` is written when it is not plain text: `hex` for binary OctetStrings and Opaque.
             * @enum {string}
             */
            encoding?: "hex";
            /** @description A human form where one helps, e.g. TimeTicks as `3d 04:05:06.78`. */
            text?: string;
        };
        SnmpData: {
            /** @enum {string} */
            operation: "get" | "getBulk" | "walk";
            /** @enum {string} */
            version: "1" | "3" | "2c";
            varbinds: components["schemas"]["Varbind"][];
            /**
             * @description Why a walk stopped before the end of its subtree.
             * @enum {string}
             */
            cut?: "maxVarbinds" | "deadline";
        };
        SrvValue: {
            /** Format: double */
            priority: number;
            /** Format: double */
            weight: number;
            /** Format: double */
            port: number;
            target: string;
        };
        MdnsRecord: {
            /** @enum {string} */
            section: "answer" | "additional";
            name: string;
            type: string;
            /** Format: double */
            ttl: number;
            /** @description PTR/CNAME target, address, or a short text form of other types. */
            value?: string;
            srv?: components["schemas"]["SrvValue"];
            /** @description TXT as key/value; a key without `=` maps to `true`; binary values as hex. */
            txt?: {
                [key: string]: string | boolean;
            };
        };
        MdnsService: {
            instance: string;
            /** @description e.g. `_googlecast._tcp.local` */
            type: string;
            host?: string;
            /** Format: double */
            port?: number;
            txt: {
                [key: string]: string | boolean;
            };
            addresses: string[];
        };
        MdnsData: {
            name: string;
            recordType: string;
            /** @enum {string} */
            mode: "multicast" | "unicast";
            records: components["schemas"]["MdnsRecord"][];
            services: components["schemas"]["MdnsService"][];
            /** @description Host names the answers give (SRV targets, A/AAAA owners). */
            hostnames: string[];
            /**
             * Format: double
             * @description Repeated records folded away (the same answer to repeated queries).
             */
            duplicates: number;
            /**
             * Format: double
             * @description Datagrams from this responder that were not DNS, ignored beside valid ones.
             */
            malformedDatagrams?: number;
            /** @description A follow-up query was sent for instances named without their SRV/TXT. */
            followUp?: boolean;
        };
        SsdpResponse: {
            st?: string;
            usn?: string;
            location?: string;
            server?: string;
            /**
             * Format: double
             * @description `max-age` from CACHE-CONTROL, seconds.
             */
            maxAge?: number;
            /** @description Every header, names lower-cased, values cut at 1024 characters. */
            headers: {
                [key: string]: string;
            };
        };
        UpnpDevice: {
            deviceType?: string;
            friendlyName?: string;
            manufacturer?: string;
            manufacturerURL?: string;
            modelName?: string;
            modelNumber?: string;
            modelDescription?: string;
            serialNumber?: string;
            UDN?: string;
        };
        DescriptionResult: {
            location: string;
            /** @enum {string} */
            status: "ok" | "skipped" | "error";
            /** @description Why it was skipped or failed, e.g. `not-the-answering-address`, `out-of-scope`, `timeout`, `too-large`, `redirect-not-followed`. */
            reason?: string;
            /** Format: double */
            httpStatus?: number;
            device?: components["schemas"]["UpnpDevice"];
        };
        SsdpData: {
            /** @enum {string} */
            mode: "multicast" | "unicast";
            st: string;
            /** Format: double */
            mx: number;
            /** @description Distinct responses (by ST, USN and LOCATION), at most 32. */
            responses: components["schemas"]["SsdpResponse"][];
            /**
             * Format: double
             * @description Repeated responses folded away.
             */
            duplicates: number;
            /**
             * Format: double
             * @description Datagrams from this responder that were not search responses, ignored beside valid ones.
             */
            malformedDatagrams?: number;
            /** @description One per distinct LOCATION (at most 4), when `fetchDescription` was asked for. */
            descriptions?: components["schemas"]["DescriptionResult"][];
        };
        /** @description One ProbeMatch (or ResolveMatch): what a target service says of itself. Lists bounded (32 items, 512 characters each). */
        WsdMatch: {
            /** @description EndpointReference/Address: the endpoint's stable id, usually `urn:uuid:…`. */
            address?: string;
            /** @description QNames as sent, e.g. `wsdp:Device`, `pub:Computer`, `dn:NetworkVideoTransmitter` (prefixes vary by sender). */
            types: string[];
            /** @description Scope URIs, e.g. `onvif://www.onvif.org/hardware/DS-2CD2042WD-I`. */
            scopes: string[];
            /** @description Transport addresses of the endpoint's metadata service, e.g. `http://198.18.77.23:5357/<uuid>`. */
            xaddrs: string[];
            /** Format: double */
            metadataVersion?: number;
        };
        /** @description The ONVIF scopes (ONVIF Core, "Scopes"), percent-decoded. */
        OnvifScopes: {
            /** @description `onvif://www.onvif.org/hardware/<model>`. */
            hardware?: string;
            /** @description `onvif://www.onvif.org/name/<name>`: the device's searchable name, which the user may set. */
            name?: string;
            /** @description `onvif://www.onvif.org/location/<…>`, each path after `location/`. */
            locations?: string[];
            /** @description `onvif://www.onvif.org/type/<…>`, e.g. `video_encoder`, `NetworkVideoTransmitter`, `ptz`. */
            types?: string[];
            /** @description `onvif://www.onvif.org/Profile/<…>`, e.g. `Streaming`, `S`, `T`. */
            profiles?: string[];
        };
        /** @description A port on the answering address that an XAddr names. */
        WsdEndpoint: {
            /** Format: double */
            port: number;
            /** @enum {string} */
            protocol: "tcp";
            /**
             * @description The XAddr's scheme.
             * @enum {string}
             */
            name: "http" | "https";
        };
        WsDiscoveryData: {
            /** @enum {string} */
            mode: "multicast" | "unicast";
            /** @description The Types the Probe carried; none: every endpoint was asked. */
            types: string[];
            /** @description Our Probe's MessageID, which answers name in RelatesTo. */
            messageId: string;
            /** @description Distinct matches (by endpoint address), at most 16. */
            matches: components["schemas"]["WsdMatch"][];
            /** @description From the matches' ONVIF scopes, when there were any. */
            onvif?: components["schemas"]["OnvifScopes"];
            /** @description XAddrs on the answering address itself, by port (other hosts' addresses stay in `matches` only). */
            endpoints: components["schemas"]["WsdEndpoint"][];
            /**
             * Format: double
             * @description Repeated answers folded away (SOAP-over-UDP sends each answer more than once).
             */
            duplicates: number;
            /**
             * Format: double
             * @description Valid messages that did not answer our Probe or Resolve (another RelatesTo, a Hello), ignored.
             */
            unrelated?: number;
            /**
             * Format: double
             * @description Datagrams that were not WS-Discovery XML (or over 32 KiB), ignored beside valid ones.
             */
            malformedDatagrams?: number;
            /** @description A Resolve was sent for matches that came without XAddrs (as WS-Discovery §5.3 says a client does). */
            resolved?: boolean;
        };
        /**
         * @description How strong a classify answer is, named for what was checked:
         *     `candidate`: the tree narrowed the catalogue to this type, but ports of its signature were never
         *     probed (identify only); `consistent`: every port of the signature open and every other catalogue
         *     type ruled out, with `uncheckedPorts` catalogue ports never probed (an extra open port there would
         *     go unseen); `exact`: every catalogue port checked, and the open ones are the signature;
         *     `unknown`: a probed or known port contradicts every type the walk led to.
         * @enum {string}
         */
        MatchLevel: "candidate" | "consistent" | "exact" | "unknown";
        /** @enum {string} */
        PortState: "open" | "closed";
        ClassifyData: {
            match: components["schemas"]["MatchLevel"];
            /** @description The catalogue type, when one is left (not for `unknown`). */
            device?: string;
            /** @description Types sharing the same signature, which no port can tell apart: then there is no `device`. */
            candidates?: string[];
            /** @description The catalogue ports of `device` (or `candidates`): the open TCP ports such a device has. */
            signature?: number[];
            /** @description For `unknown`: the closest catalogue types, first the nearest, and the ports where they disagree. */
            nearest?: {
                disagreeing: number[];
                type: string;
            }[];
            /** @description Catalogue ports never probed (none with `exact: true`). */
            unchecked: number[];
            /**
             * Format: int32
             * @description How many catalogue ports were never probed: the length of `unchecked`.
             */
            uncheckedPorts: number;
            /** Format: int32 */
            probes: number;
            /** Format: int32 */
            roundTrips: number;
            path: {
                state: components["schemas"]["PortState"];
                /** Format: double */
                port: number;
            }[];
            catalog: string;
            /**
             * Format: int32
             * @description Ports that gave no answer at all (counted as closed: a filtered port is not open).
             */
            filtered: number;
        };
        /** @description What a result's `data` holds, by probe. */
        ResultData: components["schemas"]["TcpBannerData"] | components["schemas"]["SnmpData"] | components["schemas"]["MdnsData"] | components["schemas"]["SsdpData"] | components["schemas"]["WsDiscoveryData"] | components["schemas"]["ClassifyData"];
        ProbeResult: {
            /**
             * Format: int32
             * @description Position of this result in its scan, from 1; SSE event ids use it.
             */
            seq: number;
            target: string;
            probe: string;
            /** Format: int32 */
            port?: number;
            /** @enum {string} */
            protocol?: "tcp" | "udp";
            /**
             * Format: int32
             * @description Which emission of the packet (1 … `timing.count`).
             */
            attempt: number;
            /**
             * Format: int32
             * @description Packets tried for this attempt (1 + retries used).
             */
            tries: number;
            status: components["schemas"]["ResultStatus"];
            /** Format: double */
            rttMs?: number;
            observedAt: string;
            data?: components["schemas"]["ResultData"];
            error?: {
                message: string;
                code: string;
            };
            /** @description For `malformed`: the answer's bytes, base64, at most 4 KiB. */
            raw?: string;
            rawTruncated?: boolean;
        };
        Service: {
            /** Format: int32 */
            port: number;
            /** @enum {string} */
            protocol: "tcp" | "udp";
            name?: string;
            /** @description The maker of the service's software, from a fingerprint. */
            vendor?: string;
            product?: string;
            version?: string;
            banner?: string;
            /** @description CPE 2.3 names of the service's software, from fingerprints. */
            cpe?: string[];
        };
        /** @description The fingerprint that turned an answer into a fact: which database, which file, which entry. */
        FingerprintRef: {
            /** @description `pscan` (shipped with the service) or the name of a directory loaded through PSCAN_FINGERPRINTS. */
            database: string;
            /** @description The XML file, relative to its database. */
            file: string;
            /** @description The fingerprint's own description. */
            description: string;
        };
        /**
         * @description How much a fact's source is worth: what a device states of itself > a registry > an inference.
         * @enum {string}
         */
        Confidence: "stated" | "registry" | "inferred";
        FactClaim: {
            value: string;
            /** @description When a fingerprint gave the value: which one. */
            fingerprint?: components["schemas"]["FingerprintRef"];
            /** @description The probe whose result gave it, `neighbour` (the kernel's ARP/NDP table), `oui` (IEEE registry) or `known`. */
            source: string;
            /**
             * Format: int32
             * @description The result it came from, in this scan.
             */
            seq?: number;
            observedAt: string;
            confidence: components["schemas"]["Confidence"];
        };
        /** @description Where an asset's fact comes from, and the values that lost to it. */
        FactSource: {
            source: string;
            /** @description When a fingerprint gave the value: which one. */
            fingerprint?: components["schemas"]["FingerprintRef"];
            /** Format: int32 */
            seq?: number;
            observedAt: string;
            confidence: components["schemas"]["Confidence"];
            /** @description Other values found for the same fact, which lost by the order stated > registry > inferred (then first found). */
            others?: components["schemas"]["FactClaim"][];
        };
        /** @enum {string} */
        ChangeKind: "asset.new" | "service.opened" | "service.closed" | "service.changed" | "mac.changed" | "hostname.changed" | "manufacturer.changed" | "model.changed" | "os.changed" | "type.changed";
        /** @description What a port's last definite answer said: `open` (a connection, an answer), `closed` (RST or ICMP port unreachable; never a timeout). */
        ServiceState: {
            /** @enum {string} */
            state: "open" | "closed";
            name?: string;
            product?: string;
            version?: string;
        };
        /** @description One side of a change: an observation without its address. */
        ChangeSide: {
            value?: string;
            source?: string;
            service?: components["schemas"]["ServiceState"];
            scanId: string;
            /** Format: int32 */
            seq?: number;
            observedAt: string;
        };
        /**
         * @description A difference between a scan's observation of an address and the caller's previous one of the
         *     same fact. `before` absent: the fact was never observed for this address before (`asset.new`:
         *     nothing was).
         */
        AssetChange: {
            kind: components["schemas"]["ChangeKind"];
            ip: string;
            /** @description The fact or port (`tcp/8080`) that changed; absent for `asset.new`. */
            fact?: string;
            before?: components["schemas"]["ChangeSide"];
            after?: components["schemas"]["ChangeSide"];
            scanId: string;
            /** @description When this scan observed it. */
            at: string;
        };
        Asset: {
            ip: string;
            /** @description Link-layer address, from the neighbour table of a sensor on the device's link. */
            mac?: string;
            hostname?: string;
            manufacturer?: string;
            model?: string;
            os?: string;
            /** @description Device class, from a classification catalogue or a fingerprint. */
            type?: string;
            /** @description CPE 2.3 names of the device's hardware and operating system, from fingerprints. */
            cpe?: string[];
            services: components["schemas"]["Service"][];
            observedAt: string;
            /** @description Per fact: its provenance. */
            sources?: {
                [key: string]: components["schemas"]["FactSource"];
            };
            /** @description In a finished scan: what this scan changed against the caller's previous observations of the address (absent: nothing). */
            changes?: components["schemas"]["AssetChange"][];
        };
        /**
         * @description A scan's state: `queued` and `running` until it ends `completed`, `failed` or `cancelled`.
         * @enum {string}
         */
        ScanStatus: "queued" | "running" | "completed" | "failed" | "cancelled";
        /**
         * Format: int32
         * @description A TCP or UDP port.
         */
        PortNumber: number;
        /** @description An inclusive range of ports, `"first-last"` (`"1-65535"`: every port). */
        PortRange: string;
        /** @description A `tcp-banner` probe as a request gives it. */
        TcpBannerProbeSpec: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "tcp-banner";
            /** @description TCP ports to connect to: port numbers and inclusive "a-b" ranges, each port named once ("1-65535" is every port; the packet budget counts the ports named). */
            ports: (components["schemas"]["PortNumber"] | components["schemas"]["PortRange"])[];
            /**
             * @description also run nmap service/version detection (-sV) on these ports.
             *     Default `false`.
             */
            additionalProbes?: boolean;
        };
        SnmpOidsItem: string;
        SnmpV3Spec: {
            /** @description USM user name. */
            user: string;
            /**
             * @description authentication protocol.
             * @enum {string}
             */
            authProtocol?: "md5" | "sha" | "sha224" | "sha256" | "sha384" | "sha512";
            /** @description authentication passphrase. */
            authKey?: string;
            /**
             * @description privacy protocol.
             * @enum {string}
             */
            privProtocol?: "des" | "aes" | "aes256b" | "aes256r";
            /** @description privacy passphrase. */
            privKey?: string;
        };
        /** @description A `snmp` probe as a request gives it. */
        SnmpProbeSpec: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "snmp";
            /**
             * @description get the OIDs, getBulk from them (not in version 1), or walk each subtree.
             *     Default `get`.
             * @enum {string}
             */
            operation?: "get" | "getBulk" | "walk";
            /**
             * @description numeric OIDs, e.g. 1.3.6.1.2.1.1.5.0 (no leading dot, arcs ≤ 4294967295; default: the system group's sysDescr, sysObjectID and sysName).
             *     Default `["1.3.6.1.2.1.1.1.0","1.3.6.1.2.1.1.2.0","1.3.6.1.2.1.1.5.0"]`.
             */
            oids?: components["schemas"]["SnmpOidsItem"][];
            /**
             * @description SNMP version; "3" needs `v3` and takes no `community`.
             *     Default `2c`.
             * @enum {string}
             */
            version?: "1" | "3" | "2c";
            /** @description community (v1/v2c; default "public"); never logged, stored or returned. */
            community?: string;
            /** @description SNMPv3 USM credentials, only with version "3": authKey goes with authProtocol, privKey with privProtocol, and privacy needs authentication; keys never logged, stored or returned. */
            v3?: components["schemas"]["SnmpV3Spec"];
            /**
             * Format: int32
             * @description getBulk only (else 0): OIDs fetched once.
             *     Default `0`.
             */
            nonRepeaters?: number;
            /**
             * Format: int32
             * @description getBulk/walk: varbinds per repetition and request.
             *     Default `10`.
             */
            maxRepetitions?: number;
            /**
             * Format: int32
             * @description UDP port of the agent.
             *     Default `161`.
             */
            port?: number;
            /**
             * Format: int32
             * @description walk: stop after this many varbinds (cut: maxVarbinds).
             *     Default `1000`.
             */
            maxVarbinds?: number;
            /**
             * Format: int32
             * @description walk: stop after this long (cut: deadline).
             *     Default `20000`.
             */
            walkTimeoutMs?: number;
        };
        /** @description A `mdns` probe as a request gives it. */
        MdnsProbeSpec: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "mdns";
            /** @description the DNS name to query, e.g. _googlecast._tcp.local. */
            name: string;
            /**
             * @description record type to ask for.
             *     Default `PTR`.
             * @enum {string}
             */
            recordType?: "PTR" | "SRV" | "TXT" | "A" | "AAAA" | "ANY";
            /**
             * @description false: multicast query, answers kept from targets; true: query each target's 5353.
             *     Default `false`.
             */
            unicast?: boolean;
        };
        /** @description A `ssdp` probe as a request gives it. */
        SsdpProbeSpec: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "ssdp";
            /**
             * Format: int32
             * @description MX: seconds devices may wait before answering.
             *     Default `2`.
             */
            mx?: number;
            /**
             * @description search target, e.g. ssdp:all, upnp:rootdevice, a device or service URN.
             *     Default `ssdp:all`.
             */
            st?: string;
            /**
             * @description false: multicast search, answers kept from targets; true: search each target's 1900.
             *     Default `false`.
             */
            unicast?: boolean;
            /**
             * @description GET the LOCATION XML (only from the answering address, in scope, 256 KiB cap, no redirects).
             *     Default `false`.
             */
            fetchDescription?: boolean;
        };
        WsDiscoveryTypesItem: string;
        /** @description A `ws-discovery` probe as a request gives it. */
        WsDiscoveryProbeSpec: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "ws-discovery";
            /**
             * @description Types the Probe asks for, all of which a device must implement (none: every device; wsdd answers only a Probe for wsdp:Device); prefixes: wsdp, pub, dn, tds, wprt, wscn, e.g. wsdp:Device, dn:NetworkVideoTransmitter.
             *     Default `[]`.
             */
            types?: components["schemas"]["WsDiscoveryTypesItem"][];
            /**
             * @description false: multicast Probe, answers kept from targets; true: Probe each target's 3702.
             *     Default `false`.
             */
            unicast?: boolean;
            /**
             * @description send one Resolve for an endpoint that answered without XAddrs (wsdd, Windows), to learn its metadata address.
             *     Default `true`.
             */
            resolve?: boolean;
        };
        /** @description A `classify` probe as a request gives it. */
        ClassifyProbeSpec: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "classify";
            /**
             * @description catalogue id (GET /v1/catalogs); default: Table I of the paper.
             *     Default `default`.
             */
            catalog?: string;
            /**
             * @description probe every port of the identified signature (else stop once one candidate is left, its signature perhaps unchecked: `candidate`).
             *     Default `true`.
             */
            confirm?: boolean;
            /**
             * @description also probe every other catalogue port, so an extra open port makes the device unknown (`exact`; else catalogue ports left unprobed keep it `consistent`).
             *     Default `false`.
             */
            exact?: boolean;
            /**
             * @description probe the next tree level in parallel: fewer round trips, more probes.
             *     Default `false`.
             */
            speculative?: boolean;
        };
        ProbeSpec: components["schemas"]["TcpBannerProbeSpec"] | components["schemas"]["SnmpProbeSpec"] | components["schemas"]["MdnsProbeSpec"] | components["schemas"]["SsdpProbeSpec"] | components["schemas"]["WsDiscoveryProbeSpec"] | components["schemas"]["ClassifyProbeSpec"];
        /** @description A scan's timing once validated: defaults filled in. */
        Timing: {
            /**
             * Format: int32
             * @description how many times each packet is emitted.
             *     Default `1`.
             */
            count: number;
            /**
             * Format: int32
             * @description pause between emissions of one packet, ms.
             *     Default `0`.
             */
            intervalMs: number;
            /**
             * Format: int32
             * @description how long to wait for an answer to one packet, ms.
             *     Default `2000`.
             */
            timeoutMs: number;
            /**
             * Format: int32
             * @description extra tries after a timeout.
             *     Default `0`.
             */
            retries: number;
            /**
             * Format: int32
             * @description packets per second for this scan (server caps still apply).
             */
            ratePerSecond?: number;
        };
        /**
         * @description Facts a `want` scan can be asked to find.
         * @enum {string}
         */
        WantedFact: "hostname" | "manufacturer" | "model" | "os" | "services" | "type" | "mac";
        /** @description A fact's value as the caller knows it. */
        KnownFactValue: string;
        KnownFacts: {
            hostname?: components["schemas"]["KnownFactValue"];
            manufacturer?: components["schemas"]["KnownFactValue"];
            model?: components["schemas"]["KnownFactValue"];
            os?: components["schemas"]["KnownFactValue"];
            type?: components["schemas"]["KnownFactValue"];
            mac?: components["schemas"]["KnownFactValue"];
        };
        /**
         * Format: int32
         * @description A TCP or UDP port.
         */
        Port: number;
        /** @description What the caller already knows of one address, so that no packet is spent on it. */
        KnownTarget: {
            facts?: components["schemas"]["KnownFacts"];
            /** @description Open TCP ports. No item twice. */
            openPorts?: components["schemas"]["Port"][];
        };
        /**
         * @description What a webhook is sent for: the scan's end (by its final status), and `asset.changed` when the scan changed what is known of an asset.
         * @enum {string}
         */
        WebhookEvent: "scan.completed" | "scan.failed" | "scan.cancelled" | "asset.changed";
        /** @description The request as the service understood it: defaults filled in, secrets redacted. */
        NormalizedRequest: {
            targets: string[];
            probes: components["schemas"]["ProbeSpec"][];
            timing: components["schemas"]["Timing"];
            /** @enum {string} */
            mode: "sync" | "async";
            /** @enum {string} */
            profile: "normal" | "fragile";
            /**
             * @description Absent in scans stored before host discovery existed.
             * @enum {string}
             */
            discovery?: "auto" | "none";
            want?: components["schemas"]["WantedFact"][];
            /** @description Credentials as given, each secret redacted. */
            credentials?: {
                snmp?: {
                    /** Format: double */
                    port?: number;
                    v3?: components["schemas"]["SnmpV3Spec"];
                    community?: string;
                    /** @enum {string} */
                    version: "1" | "3" | "2c";
                }[];
            };
            known?: {
                [key: string]: components["schemas"]["KnownTarget"];
            };
            budget?: {
                /** Format: double */
                packetsPerTarget?: number;
            };
            allowIntrusive?: boolean;
            labels: {
                [key: string]: string;
            };
            /** @description Where the finished scan is POSTed; the secret is never shown. Without `events`: the `scan.*` events. */
            webhook?: {
                events?: components["schemas"]["WebhookEvent"][];
                url: string;
            };
        };
        ProbeCounters: {
            /** Format: double */
            packetsSent: number;
            results: {
                [key: string]: number;
            };
            /**
             * Format: double
             * @description Multicast answers from addresses outside the targets, dropped.
             */
            droppedAnswers?: number;
        };
        HostCounts: {
            /** Format: int32 */
            alive: number;
            /** Format: int32 */
            dead: number;
            /** Format: int32 */
            pending: number;
        };
        ScanStats: {
            /**
             * Format: double
             * @description Addresses in the expanded target list.
             */
            targets: number;
            /** Format: double */
            packetsSent: number;
            /**
             * Format: double
             * @description Results in which the device answered (`ok`, `closed`, `malformed`).
             */
            responses: number;
            /** Format: double */
            results: number;
            /** Format: double */
            durationMs?: number;
            byProbe: {
                [key: string]: components["schemas"]["ProbeCounters"];
            };
            /** @description Packets sent to each target address (multicast queries are counted under byProbe only). */
            byTarget?: {
                [key: string]: number;
            };
            /**
             * @description Addresses inside the target ranges that scope left out, by reason (`self`: the service's own,
             *     `scope-deny`: PSCAN_SCOPE_DENY, `never-target`: reserved ranges); they are not in `targets`.
             */
            excluded?: {
                [key: string]: number;
            };
            /**
             * @description Host discovery's progress: `alive` and `dead` so far, `pending` not known yet. Without
             *     discovery a target counts alive at its first answer and dead at `host-down`.
             */
            hosts?: components["schemas"]["HostCounts"];
        };
        ScanError: {
            code: string;
            message: string;
        };
        /** @description One step of a `want` scan's plan: what it ran, for how many targets, at what cost. */
        PlanStep: {
            /** @description `discovery`, `mdns-service-types`, `mdns-services`, `ssdp`, `snmp`, `classify`, `banner`, `nmap`. */
            step: string;
            /** @description The probes it ran, secrets redacted; their results are ordinary results of the scan. */
            probes: components["schemas"]["ProbeSpec"][];
            /** @description e.g. which credential, which ports. */
            detail?: string;
            /**
             * Format: int32
             * @description Targets it served.
             */
            targets: number;
            /**
             * Format: int32
             * @description Packets it sent.
             */
            packets: number;
            /** @description Targets it skipped, by reason. */
            skipped?: {
                /** Format: double */
                budget: number;
            };
            /** @description The sensors' site that ran it, when the scan ran on sensors (each site plans for its own targets). */
            site?: string;
        };
        /** @description One reason a wanted fact stayed unknown, and for how many of the targets lacking it. */
        UnmetReason: {
            /** @description Per source that can give the fact: not asked and what it lacked, or asked and no answer gave it. */
            reason: string;
            /** Format: int32 */
            targets: number;
        };
        /** @description A wanted fact some live targets still lack when the plan ends, and why no step gave it. */
        UnmetFact: {
            fact: components["schemas"]["WantedFact"];
            /**
             * Format: int32
             * @description Live targets lacking it.
             */
            targets: number;
            why: components["schemas"]["UnmetReason"][];
        };
        /** @description How a `want` scan went about it: its steps in order, and how many targets have every wanted fact. */
        ScanPlan: {
            want: components["schemas"]["WantedFact"][];
            steps: components["schemas"]["PlanStep"][];
            /**
             * Format: int32
             * @description Live targets with every wanted fact known.
             */
            complete: number;
            /** @description Once the plan has ended: each wanted fact still lacking on some live target, and why. */
            unmet?: components["schemas"]["UnmetFact"][];
        };
        Scan: {
            id: string;
            status: components["schemas"]["ScanStatus"];
            createdAt: string;
            startedAt?: string;
            finishedAt?: string;
            principal: string;
            labels: {
                [key: string]: string;
            };
            request: components["schemas"]["NormalizedRequest"];
            stats: components["schemas"]["ScanStats"];
            error?: components["schemas"]["ScanError"];
            /** @description A `want` scan's plan. */
            plan?: components["schemas"]["ScanPlan"];
            results: components["schemas"]["ProbeResult"][];
            assets: components["schemas"]["Asset"][];
        };
        /** @description An address, a CIDR (an IPv4-mapped IPv6 address, `::ffff:…`, takes a prefix of 96 or more) or an `a-b` range that ends at or after its start. */
        ScanTarget: string;
        TimingSpec: {
            /**
             * Format: int32
             * @description how many times each packet is emitted.
             *     Default `1`.
             */
            count?: number;
            /**
             * Format: int32
             * @description pause between emissions of one packet, ms.
             *     Default `0`.
             */
            intervalMs?: number;
            /**
             * Format: int32
             * @description how long to wait for an answer to one packet, ms.
             *     Default `2000`.
             */
            timeoutMs?: number;
            /**
             * Format: int32
             * @description extra tries after a timeout.
             *     Default `0`.
             */
            retries?: number;
            /**
             * Format: int32
             * @description packets per second for this scan (server caps still apply).
             */
            ratePerSecond?: number;
        };
        /** @description An SNMPv1 or v2c community. */
        SnmpCommunityCredential: {
            /** @enum {string} */
            version: "1" | "2c";
            /** @description Never logged, stored or returned. */
            community: string;
            /**
             * Format: int32
             * @description The agent's UDP port, default 161.
             */
            port?: number;
        };
        /** @description An SNMPv3 user (USM). */
        SnmpV3Credential: {
            /** @enum {string} */
            version: "3";
            v3: components["schemas"]["SnmpV3Spec"];
            /**
             * Format: int32
             * @description The agent's UDP port, default 161.
             */
            port?: number;
        };
        /** @description An SNMP credential to try: a community (v1/v2c) or USM (v3); never logged, stored or returned. */
        SnmpCredential: components["schemas"]["SnmpCommunityCredential"] | components["schemas"]["SnmpV3Credential"];
        /** @description For `want`: the credentials to try. */
        WantCredentials: {
            /** @description SNMP credentials, tried in order (the server's own after them). */
            snmp?: components["schemas"]["SnmpCredential"][];
        };
        /** @description For `want`: what the plan may spend. */
        WantBudget: {
            /**
             * Format: int32
             * @description Packets per target the plan never exceeds.
             */
            packetsPerTarget?: number;
        };
        WebhookSpec: {
            /** @description An http(s) URL: https to a public address, http only to a host in PSCAN_WEBHOOK_ALLOW. */
            url: string;
            /** @description The HMAC secret (Standard Webhooks): `whsec_` and 24 to 64 bytes in base64; required when the server has no PSCAN_WEBHOOK_SECRET. */
            secret?: string;
            /** @description Default: the three `scan.*` events. */
            events?: components["schemas"]["WebhookEvent"][];
        };
        /** @description A label's value. */
        LabelValue: string;
        /**
         * @description A scan to run. It names its probes by `probes`, `probe` or `want` (at least one of them), never
         *     by both `probe` and `probes`; `credentials`, `known`, `budget` and `allowIntrusive` only go with
         *     `want`.
         */
        ScanRequest: {
            /** @description Addresses, CIDRs or `a-b` ranges, IPv4 or IPv6. */
            targets: components["schemas"]["ScanTarget"][];
            probes?: components["schemas"]["ProbeSpec"][];
            /** @description Shorthand for `probes` with one element; not together with `probes`. */
            probe?: components["schemas"]["ProbeSpec"];
            timing?: components["schemas"]["TimingSpec"];
            /**
             * @description `sync` answers 200 with the finished scan; `async` (default) answers 202 at once.
             * @enum {string}
             */
            mode?: "sync" | "async";
            /**
             * @description `fragile`: one probe at a time per device, a gap between them, a lower packet rate.
             * @enum {string}
             */
            profile?: "normal" | "fragile";
            /**
             * @description `auto` (default): a target is probed only once known alive: on-link by neighbour resolution
             *     (ARP/NDP, no IP packet), off-link by a TCP connect to the discovery ports; a dead one ends as one
             *     `unreachable` result, code `host-down`. `none`: every target is probed.
             * @enum {string}
             */
            discovery?: "auto" | "none";
            /**
             * @description Facts to find, instead of (or besides) `probes`: the service plans the probes, cheapest first,
             *     and each target stops once its wanted facts are known. The plan is in the scan. No item twice.
             */
            want?: components["schemas"]["WantedFact"][];
            /** @description For `want`: credentials to try in order (and the server's own after them). */
            credentials?: components["schemas"]["WantCredentials"];
            /** @description For `want`: per address (keys are IP addresses, at most 1024), what the caller already knows. */
            known?: {
                [key: string]: components["schemas"]["KnownTarget"];
            };
            budget?: components["schemas"]["WantBudget"];
            /** @description For `want`: nmap's version detection (intrusive) as the last step, where still needed. */
            allowIntrusive?: boolean;
            webhook?: components["schemas"]["WebhookSpec"];
            /** @description At most 32 labels; names of 1 to 64 characters. */
            labels?: {
                [key: string]: components["schemas"]["LabelValue"];
            };
        } & ((unknown | unknown | unknown) & unknown & (unknown | unknown));
        /** @description A scan without its results, as listed. */
        ScanSummary: {
            id: string;
            status: components["schemas"]["ScanStatus"];
            createdAt: string;
            startedAt?: string;
            finishedAt?: string;
            principal: string;
            labels: {
                [key: string]: string;
            };
            request: components["schemas"]["NormalizedRequest"];
            stats: components["schemas"]["ScanStats"];
            error?: components["schemas"]["ScanError"];
            /** @description A `want` scan's plan. */
            plan?: components["schemas"]["ScanPlan"];
        };
        ScanPage: {
            items: components["schemas"]["ScanSummary"][];
            /** @description Pass as `cursor` to get the next page; absent on the last page. */
            nextCursor?: string;
        };
        /** @description A scan's id, as a cursor. */
        ScanId: string;
        /** @description `key:value`: a label name of 1 to 64 characters, a colon, the value. */
        LabelFilter: string;
        /** @description A page of a scan's results, in `seq` order. */
        ResultPage: {
            items: components["schemas"]["ProbeResult"][];
            /** @description Pass as `cursor` to get the next page; absent on the last page (of a scan that has ended). */
            nextCursor?: string;
        };
        /** @description A position in a sequence (a result's `seq`, a history or change-feed row): digits. */
        SeqCursor: string;
        /** @description One or more result statuses, comma-separated, e.g. `ok,closed`. */
        ResultStatusFilter: string;
        /**
         * @description An export's format: `ndjson` (one JSON object per line) or `csv` (RFC 4180, a header line, no JSON inside a cell).
         * @enum {string}
         */
        ExportFormat: "ndjson" | "csv";
        DeliveryTry: {
            /** Format: int32 */
            n: number;
            at: string;
            /**
             * Format: int32
             * @description The receiver's status code; its body is never kept.
             */
            statusCode?: number;
            /** Format: int32 */
            latencyMs: number;
            error?: string;
        };
        Delivery: {
            /** @description The `webhook-id`, the same on every try. */
            id: string;
            event?: string;
            url: string;
            /** @enum {string} */
            status: "scheduled" | "pending" | "delivered" | "failed" | "gone";
            /** Format: int32 */
            attempts: number;
            nextAttemptAt?: string;
            lastError?: string;
            tries: components["schemas"]["DeliveryTry"][];
        };
        /** @description The catalogue form of a parameter list: plain JSON, regexes shown as their source. */
        ParamDoc: {
            name: string;
            type: string;
            description: string;
            required: boolean;
            default?: unknown;
            /** Format: double */
            min?: number;
            /** Format: double */
            max?: number;
            /** Format: double */
            minItems?: number;
            /** Format: double */
            maxItems?: number;
            /** Format: double */
            maxLength?: number;
            values?: string[];
            pattern?: string;
            /** @enum {string} */
            category?: "safe" | "intrusive";
            requires?: string;
            /** @description With `requires`: whether the machines that probe have the tool (this server, or with sensors every live one), i.e. whether the option can be used. */
            available?: boolean;
            fields?: components["schemas"]["ParamDoc"][];
        };
        ProbeDescription: {
            type: string;
            description: string;
            /**
             * @description NSE-style: `intrusive` probes can be forbidden by policy.
             * @enum {string}
             */
            category: "safe" | "intrusive";
            /**
             * @description `target`: sent to each target; `multicast`: sent once to a group, answers kept from targets.
             * @enum {string}
             */
            reach: "target" | "multicast";
            parameters: components["schemas"]["ParamDoc"][];
        };
        ProbeCatalogue: {
            probes: components["schemas"]["ProbeDescription"][];
            timing: components["schemas"]["ParamDoc"][];
        };
        Liveness: {
            /** @enum {string} */
            status: "ok";
        };
        /** @description Whether nmap (deep probes) is there; its version and path only with an admin token. */
        NmapStatus: {
            available: boolean;
            version?: string;
            path?: string;
        };
        Readiness: {
            ready: boolean;
            /** @enum {string} */
            store: "ok" | "unavailable";
            /**
             * @description The Redis queue to the sensors; `off` when probes run in this process.
             * @enum {string}
             */
            queue: "ok" | "unavailable" | "off";
            nmap: components["schemas"]["NmapStatus"];
        };
        FingerprintFileSummary: {
            file: string;
            /** @description What its patterns are matched against. */
            matches: string;
            protocol?: string;
            /** Format: double */
            preference: number;
            /** Format: int32 */
            fingerprints: number;
        };
        UntranslatedPattern: {
            file: string;
            /** Format: int32 */
            line: number;
            description: string;
            reason: string;
        };
        FingerprintDatabaseSummary: {
            /** @description `pscan` for the shipped one; a PSCAN_FINGERPRINTS directory's base name otherwise. */
            name: string;
            /**
             * Format: int32
             * @description Its place in the precedence: 1 is tried first.
             */
            precedence: number;
            /** Format: int32 */
            fingerprints: number;
            files: components["schemas"]["FingerprintFileSummary"][];
            /** @description Patterns with no JavaScript translation, left out. */
            untranslated: components["schemas"]["UntranslatedPattern"][];
        };
        FingerprintDatabases: {
            databases: components["schemas"]["FingerprintDatabaseSummary"][];
            /** @description Every name an answer's `matches` may take. */
            matches: string[];
        };
        /** @description A fingerprint that matched one field, and the params it gave (Recog's names). */
        FingerprintHit: {
            /** @description `pscan` (shipped with the service) or the name of a directory loaded through PSCAN_FINGERPRINTS. */
            database: string;
            /** @description The XML file, relative to its database. */
            file: string;
            /** @description The fingerprint's own description. */
            description: string;
            /** @description The field it matched. */
            matches: string;
            /** Format: int32 */
            line: number;
            params: {
                [key: string]: string;
            };
        };
        MatchedFact: {
            value: string;
            confidence: components["schemas"]["Confidence"];
            fingerprint: components["schemas"]["FingerprintRef"];
            /** @description Other values fingerprints gave for the same fact, which lost by confidence, then precedence. */
            others?: {
                fingerprint: components["schemas"]["FingerprintRef"];
                confidence: components["schemas"]["Confidence"];
                value: string;
            }[];
        };
        AnswerFacts: {
            /**
             * Format: int32
             * @description Which answer of the request, from 0.
             */
            index: number;
            /** @description Every fingerprint that matched, in precedence order (per file, the first that matched). */
            fingerprints: components["schemas"]["FingerprintHit"][];
            /** @description The facts, each with the fingerprint that gave it. */
            facts: {
                type?: components["schemas"]["MatchedFact"];
                os?: components["schemas"]["MatchedFact"];
                model?: components["schemas"]["MatchedFact"];
                manufacturer?: components["schemas"]["MatchedFact"];
                hostname?: components["schemas"]["MatchedFact"];
            };
            /** @description The answering software. */
            service?: {
                cpe?: string[];
                version?: string;
                product?: string;
                vendor?: string;
            };
            /** @description CPE names of the device (hardware, OS). */
            cpe?: string[];
        };
        MatchResponse: {
            results: components["schemas"]["AnswerFacts"][];
        };
        /**
         * @description A field's name as fingerprint files match it (`ssh.banner`, `http_header.server`,
         *     `snmp.sys_description` …; GET /v1/fingerprints lists those loaded).
         */
        FieldName: string;
        /**
         * @description The text, at most 4,096 UTF-16 code units (only the first 1,024 are matched); the whole body is
         *     bounded by PSCAN_MAX_BODY_BYTES (256 KiB by default).
         */
        AnswerBody: string;
        /** @description An answer's field, under the name fingerprint files match. */
        FieldAnswer: {
            matches: components["schemas"]["FieldName"];
            text: components["schemas"]["AnswerBody"];
            /**
             * @description `base64` when `text` is base64 of the bytes (a telnet banner with its negotiation, say).
             * @enum {string}
             */
            encoding?: "base64";
        };
        /**
         * @description A protocol's raw answer, read into its fields as a scan reads them: `ssh` (`SSH-2.0-…`), `ftp`,
         *     `smtp` (`220 …`), `pop3` (`+OK …`), `imap` (`* OK …`), `telnet`, `http` and `rtsp` (the answer's
         *     header block, and for `http` its body), `snmp` (a sysDescr), `upnp` (an SSDP `SERVER` value).
         */
        ProtocolAnswer: {
            /** @enum {string} */
            protocol: "ssh" | "ftp" | "smtp" | "pop3" | "imap" | "telnet" | "http" | "rtsp" | "snmp" | "upnp";
            text: components["schemas"]["AnswerBody"];
            /**
             * @description `base64` when `text` is base64 of the bytes.
             * @enum {string}
             */
            encoding?: "base64";
        };
        /** @description One answer a caller already holds: a field (`matches`) or a protocol's raw answer (`protocol`). */
        HeldAnswer: components["schemas"]["FieldAnswer"] | components["schemas"]["ProtocolAnswer"];
        MatchRequest: {
            /** @description 1 to 100 answers; each gives either `matches` or `protocol`. */
            answers: components["schemas"]["HeldAnswer"][];
        };
        TreeStats: {
            /** Format: double */
            devices: number;
            /** Format: double */
            ports: number;
            /** Format: double */
            averageProbesConfirm: number;
            /** Format: double */
            averageProbesIdentify: number;
            /** Format: double */
            maxProbes: number;
            /**
             * Format: double
             * @description Probing every catalogue port, as a flat scan would.
             */
            flatProbes: number;
        };
        CatalogSummary: {
            id: string;
            name: string;
            source?: string;
            /** @enum {string} */
            origin: "built-in" | "config" | "api";
            /** @description Who created it through the API; absent for the built-in and configured ones, which everyone sees. */
            owner?: string;
            stats: components["schemas"]["TreeStats"];
        };
        /** @description A device type and the TCP ports it has open. */
        DeviceSignature: {
            /** @description Unique within its catalogue. */
            type: string;
            /** @description The open TCP ports. No item twice. */
            ports: components["schemas"]["Port"][];
        };
        CatalogView: {
            id: string;
            name: string;
            source?: string;
            /** @enum {string} */
            origin: "built-in" | "config" | "api";
            /** @description Who created it through the API; absent for the built-in and configured ones, which everyone sees. */
            owner?: string;
            stats: components["schemas"]["TreeStats"];
            devices: components["schemas"]["DeviceSignature"][];
        };
        /** @description A catalogue to add: its device types unique, at most 256 distinct ports over all of them. */
        CatalogInput: {
            name: string;
            source?: string;
            devices: components["schemas"]["DeviceSignature"][];
        };
        /** @description A node of a probe-order tree: a port to probe with its open and closed branches, or a leaf naming the device types left. */
        TreeNode: {
            closed: components["schemas"]["TreeNode"];
            open: components["schemas"]["TreeNode"];
            /** Format: double */
            port: number;
        } | {
            devices: string[];
        };
        CatalogTree: {
            id: string;
            stats: components["schemas"]["TreeStats"];
            /** @description Minimising probes with confirmation; `optimal` false when a large catalogue fell back to the greedy rule. */
            confirm: {
                root: components["schemas"]["TreeNode"];
                optimal: boolean;
            };
            /** @description Minimising probes to a single candidate, without confirmation. */
            identify: {
                root: components["schemas"]["TreeNode"];
                optimal: boolean;
            };
        };
        /** @description A scan's observation behind an interval's end: the scan and the result that gave it. */
        ObservationRef: {
            scanId: string;
            /**
             * Format: int32
             * @description The result it came from.
             */
            seq?: number;
        };
        StoredInterval: {
            ip: string;
            /** @description A fact (`mac`, `hostname`, `manufacturer`, `model`, `os`, `type`) or a port (`tcp/80`, `udp/161`). */
            fact: string;
            /** @description For a fact: the value. */
            value?: string;
            /** @description For a fact: the probe or registry that gave it. */
            source?: string;
            /** @description As the first observation of the interval rated it. */
            confidence?: components["schemas"]["Confidence"];
            /** @description For a port. */
            service?: components["schemas"]["ServiceState"];
            /** @description When the first observation of this value was made. */
            firstSeen: string;
            /** @description When the last observation of this value was made. */
            lastSeen: string;
            /**
             * Format: int32
             * @description Observations merged into the interval (one per scan that saw the value).
             */
            count: number;
            /** @description The scans of its first and last observations. */
            scans: {
                last: components["schemas"]["ObservationRef"];
                first: components["schemas"]["ObservationRef"];
            };
            /** @description True while no later observation of the fact (from this source) gave another value. */
            current: boolean;
            /**
             * Format: int32
             * @description Position in the address's history (intervals in the order they were opened).
             */
            id: number;
            principal: string;
        };
        IntervalPage: {
            /** @description The newest opened first. */
            items: components["schemas"]["StoredInterval"][];
            /** @description Pass as `cursor` for older intervals; absent on the last page. */
            nextCursor?: string;
        };
        /** @description One IPv4 or IPv6 address, e.g. `192.168.1.20` or `fd00::7`. */
        IpAddress: string;
        /** @description A fact (`mac`, `hostname`, `manufacturer`, `model`, `os`, `type`) or a port such as `tcp/80`. */
        FactFilter: string;
        /** @description A change as the feed lists it. */
        StoredChange: {
            kind: components["schemas"]["ChangeKind"];
            ip: string;
            /** @description The fact or port (`tcp/8080`) that changed; absent for `asset.new`. */
            fact?: string;
            before?: components["schemas"]["ChangeSide"];
            after?: components["schemas"]["ChangeSide"];
            scanId: string;
            /** @description When this scan observed it. */
            at: string;
            /**
             * Format: int32
             * @description Position in the feed.
             */
            id: number;
            principal: string;
            /** @description When the scan that found it ended. */
            recordedAt: string;
        };
        ChangePage: {
            /** @description In the order the changes were recorded. */
            items: components["schemas"]["StoredChange"][];
            /**
             * @description The position after this page: pass it as `cursor` for what follows, now or later (the feed
             *     grows). Absent only when the page is empty and no cursor was given.
             */
            nextCursor?: string;
        };
        /** @description An ISO 8601 date or time, e.g. `2026-01-31` or `2026-01-31T12:00:00Z`. */
        IsoTime: string;
        /** @description An address, or a CIDR such as `192.168.1.0/24` (an IPv4-mapped IPv6 address, `::ffff:…`, takes a prefix of 96 or more). */
        Network: string;
        /** @description Change kinds, comma-separated, e.g. `service.opened,mac.changed`. */
        ChangeKindFilter: string;
        /** @description One fact about an address: its value, where and when it was observed, and how fresh it still is. */
        ObservedFact: {
            value: string;
            observedAt: string;
            scanId: string;
            /**
             * Format: double
             * @description U(t) for the fact's age, from 1 (just seen) towards 0.
             */
            freshness: number;
        };
        ObservedService: {
            /** Format: int32 */
            port: number;
            /** @enum {string} */
            protocol: "tcp" | "udp";
            name?: string;
            /** @description The maker of the service's software, from a fingerprint. */
            vendor?: string;
            product?: string;
            version?: string;
            banner?: string;
            /** @description CPE 2.3 names of the service's software, from fingerprints. */
            cpe?: string[];
            observedAt: string;
            scanId: string;
            /** Format: double */
            freshness: number;
        };
        AssetView: {
            ip: string;
            /** @description Link-layer address, from the neighbour table of a sensor on the device's link. */
            mac?: components["schemas"]["ObservedFact"];
            hostname?: components["schemas"]["ObservedFact"];
            manufacturer?: components["schemas"]["ObservedFact"];
            model?: components["schemas"]["ObservedFact"];
            os?: components["schemas"]["ObservedFact"];
            /** @description Device class, from a classification catalogue. */
            type?: components["schemas"]["ObservedFact"];
            services: components["schemas"]["ObservedService"][];
            lastSeen: string;
            /**
             * Format: double
             * @description U(t) of `lastSeen`: how fresh the newest observation of this address is.
             */
            freshness: number;
            /**
             * Format: int32
             * @description Scans that learned something about this address.
             */
            scans: number;
        };
        /** @description A page of the asset view, in address order. */
        AssetPage: {
            items: components["schemas"]["AssetView"][];
            /** @description Pass as `cursor` to get the next page; absent on the last page. */
            nextCursor?: string;
        };
        /** @description A service name, e.g. `ssh`. */
        ServiceName: string;
        ManufacturerFilter: string;
        /** @description An ISO 8601 date or time, or an age counted back from now: 1 to 6 digits and `s`, `m`, `h` or `d`, e.g. `24h`. */
        TimeOrAge: string;
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    ListTokens: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Ok */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TokenRecord"][];
                };
            };
            /** @description Invalid parameters, or a query parameter this operation does not take (`errors` names each) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No token, or one that is invalid, expired or revoked */
            401: {
                headers: {
                    /** @description Bearer challenge */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The token lacks a scope this operation needs */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests from this principal */
            429: {
                headers: {
                    /** @description Seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    CreateToken: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TokenInput"];
            };
        };
        responses: {
            /** @description Created; `token` is shown this once */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MintedToken"];
                };
            };
            /** @description Invalid parameters, or a query parameter this operation does not take (`errors` names each) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No token, or one that is invalid, expired or revoked */
            401: {
                headers: {
                    /** @description Bearer challenge */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The token lacks a scope this operation needs */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Body larger than the server accepts */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Body not sent as JSON (Content-Type), or in a charset or Content-Encoding the parser cannot read */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests from this principal */
            429: {
                headers: {
                    /** @description Seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description This server verifies tokens with a public key or JWKS and cannot sign them */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    RevokeToken: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["schemas"]["ResourceId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Revoked */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid parameters, or a query parameter this operation does not take (`errors` names each) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No token, or one that is invalid, expired or revoked */
            401: {
                headers: {
                    /** @description Bearer challenge */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The token lacks a scope this operation needs */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such token */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests from this principal */
            429: {
                headers: {
                    /** @description Seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    ListSensors: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Ok */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SensorList"];
                };
            };
            /** @description Invalid parameters, or a query parameter this operation does not take (`errors` names each) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No token, or one that is invalid, expired or revoked */
            401: {
                headers: {
                    /** @description Bearer challenge */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The token lacks a scope this operation needs */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests from this principal */
            429: {
                headers: {
                    /** @description Seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    ListScans: {
        parameters: {
            query?: {
                status?: components["schemas"]["ScanStatus"];
                /** @description 1–200, default 50 */
                limit?: number;
                /** @description `nextCursor` of the previous page */
                cursor?: components["schemas"]["ScanId"];
                /** @description `key:value`: only scans with this label; repeat it for several (all must hold) */
                label?: components["schemas"]["LabelFilter"][];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Ok */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ScanPage"];
                };
            };
            /** @description Invalid or unknown query parameters */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No token, or one that is invalid, expired or revoked */
            401: {
                headers: {
                    /** @description Bearer challenge */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The token lacks a scope this operation needs */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests from this principal */
            429: {
                headers: {
                    /** @description Seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    CreateScan: {
        parameters: {
            query?: never;
            header?: {
                /** @description The same key and body from the same principal returns the same scan. 1 to 255 visible ASCII characters. */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ScanRequest"];
            };
        };
        responses: {
            /** @description Finished (sync mode) */
            200: {
                headers: {
                    Location: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Scan"];
                };
            };
            /** @description Accepted; poll Location */
            202: {
                headers: {
                    Location: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Scan"];
                };
            };
            /** @description Malformed JSON or invalid fields; of a body the schema allows: a range that ends before it starts, a port range that runs backwards or names ports outside 1–65535, a port named twice in one probe, an IPv4-mapped CIDR with a prefix under 96, `credentials`, `known`, `budget` or `allowIntrusive` without `want`, a `known` key that is no IP address, a label name over 64 characters, a probe's rule between its fields (stated in its parameters' descriptions), a catalogue this server does not have, a webhook URL the webhook policy refuses, or no webhook secret on a server without PSCAN_WEBHOOK_SECRET */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No valid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing scope, or a target out of scope */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Body not sent as JSON (Content-Type), or in a charset or Content-Encoding the parser cannot read */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A budget exceeded, no target left once scope excluded addresses, or an Idempotency-Key reused with another body */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests from this principal */
            429: {
                headers: {
                    /** @description Seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A tool an option needs (nmap) is missing, or the sensors' queue cannot take the scan */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    GetScan: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["schemas"]["ResourceId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Ok */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Scan"];
                };
            };
            /** @description Invalid parameters, or a query parameter this operation does not take (`errors` names each) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No token, or one that is invalid, expired or revoked */
            401: {
                headers: {
                    /** @description Bearer challenge */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The token lacks a scope this operation needs */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such scan for this principal */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The Accept header does not allow application/json */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests from this principal */
            429: {
                headers: {
                    /** @description Seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    CancelScan: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["schemas"]["ResourceId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Cancellation accepted */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Scan"];
                };
            };
            /** @description Invalid parameters, or a query parameter this operation does not take (`errors` names each) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No token, or one that is invalid, expired or revoked */
            401: {
                headers: {
                    /** @description Bearer challenge */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The token lacks a scope this operation needs */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such scan for this principal */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The scan already completed or failed (code `scan-finished`, with its `scanStatus`) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests from this principal */
            429: {
                headers: {
                    /** @description Seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    NmapXml: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["schemas"]["ResourceId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description nmap XML */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/xml": string;
                };
            };
            /** @description Invalid parameters, or a query parameter this operation does not take (`errors` names each) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No token, or one that is invalid, expired or revoked */
            401: {
                headers: {
                    /** @description Bearer challenge */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The token lacks a scope this operation needs */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such scan for this principal */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests from this principal */
            429: {
                headers: {
                    /** @description Seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    ListResults: {
        parameters: {
            query?: {
                /** @description `nextCursor` of the previous page (a result's `seq`) */
                cursor?: components["schemas"]["SeqCursor"];
                /** @description 1–1000, default 100 */
                limit?: number;
                /** @description Only results of these statuses: `status=ok,closed`, or `status=ok&status=closed` */
                status?: components["schemas"]["ResultStatusFilter"][];
            };
            header?: never;
            path: {
                id: components["schemas"]["ResourceId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Ok */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ResultPage"];
                };
            };
            /** @description Invalid or unknown query parameters */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No token, or one that is invalid, expired or revoked */
            401: {
                headers: {
                    /** @description Bearer challenge */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The token lacks a scope this operation needs */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such scan for this principal */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The Accept header does not allow application/json */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests from this principal */
            429: {
                headers: {
                    /** @description Seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    ExportResults: {
        parameters: {
            query: {
                /** @description `ndjson` or `csv` */
                format: components["schemas"]["ExportFormat"];
                /** @description `nextCursor` of a previous page (a result's `seq`) */
                cursor?: components["schemas"]["SeqCursor"];
                /** @description 1–1000; default: every result */
                limit?: number;
                /** @description Only results of these statuses: `status=ok,closed`, or `status=ok&status=closed` */
                status?: components["schemas"]["ResultStatusFilter"][];
            };
            header?: never;
            path: {
                id: components["schemas"]["ResourceId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The export, in the format asked for */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/x-ndjson": string;
                    "text/csv": string;
                };
            };
            /** @description Invalid or unknown query parameters */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No token, or one that is invalid, expired or revoked */
            401: {
                headers: {
                    /** @description Bearer challenge */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The token lacks a scope this operation needs */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such scan for this principal */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests from this principal */
            429: {
                headers: {
                    /** @description Seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    ScanEvents: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["schemas"]["ResourceId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The event stream */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/event-stream": string;
                };
            };
            /** @description Invalid parameters, or a query parameter this operation does not take (`errors` names each) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No token, or one that is invalid, expired or revoked */
            401: {
                headers: {
                    /** @description Bearer challenge */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The token lacks a scope this operation needs */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such scan for this principal */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many event streams open, for this principal or in all; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    ListDeliveries: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["schemas"]["ResourceId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Ok */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Delivery"][];
                };
            };
            /** @description Invalid parameters, or a query parameter this operation does not take (`errors` names each) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No token, or one that is invalid, expired or revoked */
            401: {
                headers: {
                    /** @description Bearer challenge */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The token lacks a scope this operation needs */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such scan for this principal */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests from this principal */
            429: {
                headers: {
                    /** @description Seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    Redeliver: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["schemas"]["ResourceId"];
                deliveryId: components["schemas"]["ResourceId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Queued for delivery */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Delivery"];
                };
            };
            /** @description Invalid parameters, or a query parameter this operation does not take (`errors` names each) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No token, or one that is invalid, expired or revoked */
            401: {
                headers: {
                    /** @description Bearer challenge */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The token lacks a scope this operation needs */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such scan or delivery */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The delivery is still being tried */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests from this principal */
            429: {
                headers: {
                    /** @description Seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    ListProbes: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Ok */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProbeCatalogue"];
                };
            };
            /** @description Invalid parameters, or a query parameter this operation does not take (`errors` names each) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No token, or one that is invalid, expired or revoked */
            401: {
                headers: {
                    /** @description Bearer challenge */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The token lacks a scope this operation needs */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests from this principal */
            429: {
                headers: {
                    /** @description Seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    Healthz: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Ok */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Liveness"];
                };
            };
            /** @description Invalid parameters, or a query parameter this operation does not take (`errors` names each) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    Readyz: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Ok */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Readiness"];
                };
            };
            /** @description Invalid parameters, or a query parameter this operation does not take (`errors` names each) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A token was sent and is not valid */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not ready */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Readiness"];
                };
            };
        };
    };
    ListFingerprints: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Ok */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FingerprintDatabases"];
                };
            };
            /** @description Invalid parameters, or a query parameter this operation does not take (`errors` names each) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No token, or one that is invalid, expired or revoked */
            401: {
                headers: {
                    /** @description Bearer challenge */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The token lacks a scope this operation needs */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests from this principal */
            429: {
                headers: {
                    /** @description Seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    MatchFingerprints: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MatchRequest"];
            };
        };
        responses: {
            /** @description Ok */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MatchResponse"];
                };
            };
            /** @description Invalid answers: the problem lists each invalid field by JSON Pointer; besides the schema, a `matches` name no loaded fingerprint file answers, or text that is not base64 with `encoding: base64` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No token, or one that is invalid, expired or revoked */
            401: {
                headers: {
                    /** @description Bearer challenge */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The token lacks a scope this operation needs */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body exceeds PSCAN_MAX_BODY_BYTES */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Body not sent as JSON (Content-Type), or in a charset or Content-Encoding the parser cannot read */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests from this principal */
            429: {
                headers: {
                    /** @description Seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    ListCatalogs: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Ok */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CatalogSummary"][];
                };
            };
            /** @description Invalid parameters, or a query parameter this operation does not take (`errors` names each) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No token, or one that is invalid, expired or revoked */
            401: {
                headers: {
                    /** @description Bearer challenge */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The token lacks a scope this operation needs */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests from this principal */
            429: {
                headers: {
                    /** @description Seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    CreateCatalog: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CatalogInput"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CatalogView"];
                };
            };
            /** @description Invalid catalogue; of a body the schema allows: a device type that appears twice, or more than 256 distinct ports over all devices */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No token, or one that is invalid, expired or revoked */
            401: {
                headers: {
                    /** @description Bearer challenge */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The token lacks a scope this operation needs */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Body larger than the server accepts */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Body not sent as JSON (Content-Type), or in a charset or Content-Encoding the parser cannot read */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Budget exceeded: more catalogues than PSCAN_CATALOGS_PER_PRINCIPAL, or the build ran past PSCAN_CATALOG_BUILD_TIMEOUT_MS */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests from this principal */
            429: {
                headers: {
                    /** @description Seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    GetCatalog: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["schemas"]["ResourceId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Ok */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CatalogView"];
                };
            };
            /** @description Invalid parameters, or a query parameter this operation does not take (`errors` names each) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No token, or one that is invalid, expired or revoked */
            401: {
                headers: {
                    /** @description Bearer challenge */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The token lacks a scope this operation needs */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such catalogue */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests from this principal */
            429: {
                headers: {
                    /** @description Seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    DeleteCatalog: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["schemas"]["ResourceId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid parameters, or a query parameter this operation does not take (`errors` names each) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No token, or one that is invalid, expired or revoked */
            401: {
                headers: {
                    /** @description Bearer challenge */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The built-in or a configured catalogue */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such catalogue */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A queued or running scan names it */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests from this principal */
            429: {
                headers: {
                    /** @description Seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    GetTree: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["schemas"]["ResourceId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Ok */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CatalogTree"];
                };
            };
            /** @description Invalid parameters, or a query parameter this operation does not take (`errors` names each) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No token, or one that is invalid, expired or revoked */
            401: {
                headers: {
                    /** @description Bearer challenge */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The token lacks a scope this operation needs */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such catalogue */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests from this principal */
            429: {
                headers: {
                    /** @description Seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    GetAssetHistory: {
        parameters: {
            query?: {
                /** @description only this fact (`hostname`, `mac`, …) or port (`tcp/80`) */
                fact?: components["schemas"]["FactFilter"];
                /** @description 1–200, default 50 */
                limit?: number;
                /** @description `nextCursor` of the previous page */
                cursor?: components["schemas"]["SeqCursor"];
            };
            header?: never;
            path: {
                ip: components["schemas"]["IpAddress"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Ok */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["IntervalPage"];
                };
            };
            /** @description Not an IP address, or a bad query parameter */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No token, or one that is invalid, expired or revoked */
            401: {
                headers: {
                    /** @description Bearer challenge */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The token lacks a scope this operation needs */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Nothing known about this address */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests from this principal */
            429: {
                headers: {
                    /** @description Seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    ListChanges: {
        parameters: {
            query?: {
                /** @description only changes recorded at or after this time (ISO 8601) */
                since?: components["schemas"]["IsoTime"];
                /** @description only addresses in this CIDR (or this address) */
                cidr?: components["schemas"]["Network"];
                /** @description comma-separated kinds, e.g. `service.opened,mac.changed` */
                kind?: components["schemas"]["ChangeKindFilter"];
                /** @description 1–200, default 50 */
                limit?: number;
                /** @description `nextCursor` of the previous page */
                cursor?: components["schemas"]["SeqCursor"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Ok */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ChangePage"];
                };
            };
            /** @description A bad query parameter */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No token, or one that is invalid, expired or revoked */
            401: {
                headers: {
                    /** @description Bearer challenge */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The token lacks a scope this operation needs */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests from this principal */
            429: {
                headers: {
                    /** @description Seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    ListAssets: {
        parameters: {
            query?: {
                /** @description Only addresses in this CIDR (or this one address), e.g. `192.168.1.0/24` */
                cidr?: components["schemas"]["Network"];
                /** @description Only assets with a service on this port */
                port?: components["schemas"]["Port"];
                /** @description Only assets with a service of this name (case-insensitive), e.g. `ssh` */
                service?: components["schemas"]["ServiceName"];
                /** @description Only assets whose manufacturer contains this (case-insensitive) */
                manufacturer?: components["schemas"]["ManufacturerFilter"];
                /** @description Only assets observed since then: an ISO 8601 time, or an age such as `24h` (`s`, `m`, `h`, `d`) */
                seenSince?: components["schemas"]["TimeOrAge"];
                /** @description Only assets whose newest observation is at least this fresh, 0–1 */
                minFreshness?: number;
                /** @description 1–1000, default 100 */
                limit?: number;
                /** @description `nextCursor` of the previous page */
                cursor?: components["schemas"]["IpAddress"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Ok */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AssetPage"];
                };
            };
            /** @description Invalid or unknown query parameters */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No token, or one that is invalid, expired or revoked */
            401: {
                headers: {
                    /** @description Bearer challenge */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The token lacks a scope this operation needs */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The Accept header does not allow application/json */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests from this principal */
            429: {
                headers: {
                    /** @description Seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    ExportAssets: {
        parameters: {
            query: {
                /** @description `ndjson` or `csv` */
                format: components["schemas"]["ExportFormat"];
                /** @description Only addresses in this CIDR (or this one address), e.g. `192.168.1.0/24` */
                cidr?: components["schemas"]["Network"];
                /** @description Only assets with a service on this port */
                port?: components["schemas"]["Port"];
                /** @description Only assets with a service of this name (case-insensitive), e.g. `ssh` */
                service?: components["schemas"]["ServiceName"];
                /** @description Only assets whose manufacturer contains this (case-insensitive) */
                manufacturer?: components["schemas"]["ManufacturerFilter"];
                /** @description Only assets observed since then: an ISO 8601 time, or an age such as `24h` (`s`, `m`, `h`, `d`) */
                seenSince?: components["schemas"]["TimeOrAge"];
                /** @description Only assets whose newest observation is at least this fresh, 0–1 */
                minFreshness?: number;
                /** @description 1–1000; default: every matching asset */
                limit?: number;
                /** @description `nextCursor` of a previous page */
                cursor?: components["schemas"]["IpAddress"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The export, in the format asked for */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/x-ndjson": string;
                    "text/csv": string;
                };
            };
            /** @description Invalid or unknown query parameters */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No token, or one that is invalid, expired or revoked */
            401: {
                headers: {
                    /** @description Bearer challenge */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The token lacks a scope this operation needs */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests from this principal */
            429: {
                headers: {
                    /** @description Seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    ExportServices: {
        parameters: {
            query: {
                /** @description `ndjson` or `csv` */
                format: components["schemas"]["ExportFormat"];
                /** @description Only addresses in this CIDR (or this one address), e.g. `192.168.1.0/24` */
                cidr?: components["schemas"]["Network"];
                /** @description Only assets with a service on this port */
                port?: components["schemas"]["Port"];
                /** @description Only assets with a service of this name (case-insensitive), e.g. `ssh` */
                service?: components["schemas"]["ServiceName"];
                /** @description Only assets whose manufacturer contains this (case-insensitive) */
                manufacturer?: components["schemas"]["ManufacturerFilter"];
                /** @description Only assets observed since then: an ISO 8601 time, or an age such as `24h` (`s`, `m`, `h`, `d`) */
                seenSince?: components["schemas"]["TimeOrAge"];
                /** @description Only assets whose newest observation is at least this fresh, 0–1 */
                minFreshness?: number;
                /** @description 1–1000 assets; default: every matching asset */
                limit?: number;
                /** @description `nextCursor` of a previous page */
                cursor?: components["schemas"]["IpAddress"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The export, in the format asked for */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/x-ndjson": string;
                    "text/csv": string;
                };
            };
            /** @description Invalid or unknown query parameters */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No token, or one that is invalid, expired or revoked */
            401: {
                headers: {
                    /** @description Bearer challenge */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The token lacks a scope this operation needs */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests from this principal */
            429: {
                headers: {
                    /** @description Seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    GetAsset: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                ip: components["schemas"]["IpAddress"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Ok */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AssetView"];
                };
            };
            /** @description Not an IP address */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No token, or one that is invalid, expired or revoked */
            401: {
                headers: {
                    /** @description Bearer challenge */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The token lacks a scope this operation needs */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Nothing known about this address */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests from this principal */
            429: {
                headers: {
                    /** @description Seconds to wait */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
}
