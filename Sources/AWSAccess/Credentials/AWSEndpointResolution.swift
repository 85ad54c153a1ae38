import SafeText
extension AWSEndpoint {
    /// The endpoint of `service` as the SDKs choose it: `AWS_ENDPOINT_URL_<SERVICE>`, then the
    /// `endpoint_url` of the service in the profile's `services` section, then `AWS_ENDPOINT_URL`,
    /// then the profile's `endpoint_url`, else the regional endpoint (`AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true`
    /// or the profile's `ignore_configured_endpoint_urls = true` skips the configured ones).
    ///
    /// `service` is the SDKs' service id in its configuration form (`ecs`, `sts`, `sso`, `sso_oidc`);
    /// `host` is the first label(s) of the regional host name when it differs (`portal.sso`, `oidc`).
    public static func forService(
        _ service: String, host: String? = nil, region: String, environment: AWSEnvironment,
        profileValues: [String: String] = [:], serviceSettings: [String: [String: String]] = [:]
    ) throws(AWSConfigurationError) -> AWSEndpoint {
        if let configured = configured(service, environment: environment, profileValues: profileValues,
                                       serviceSettings: serviceSettings) {
            return try AWSEndpoint(configured.url, source: configured.source)
        }
        return try regional(service: host ?? service, region: region)
    }

    /// Where ``forService(_:host:region:environment:profileValues:serviceSettings:)`` finds the
    /// endpoint of `service`, for `doctor`: the variable or setting, else `regional`.
    public static func origin(
        of service: String, environment: AWSEnvironment, profileValues: [String: String] = [:],
        serviceSettings: [String: [String: String]] = [:]
    ) -> String {
        configured(service, environment: environment, profileValues: profileValues, serviceSettings: serviceSettings)?
            .source ?? "regional"
    }

    private static func configured(
        _ service: String, environment: AWSEnvironment, profileValues: [String: String],
        serviceSettings: [String: [String: String]]
    ) -> (url: String, source: String)? {
        guard environment["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"]?.lowercased() != "true",
              profileValues["ignore_configured_endpoint_urls"]?.lowercased() != "true" else { return nil }
        let key = service.lowercased().replacingEvery("-", with: "_").replacingEvery(" ", with: "_")
        let specific = "AWS_ENDPOINT_URL_" + key.uppercased()
        if let url = environment[specific] { return (url, specific) }
        if let url = serviceSettings[key]?["endpoint_url"], !url.isEmpty {
            return (url, "endpoint_url of \(key) in the profile's services section")
        }
        if let url = environment["AWS_ENDPOINT_URL"] { return (url, "AWS_ENDPOINT_URL") }
        if let url = profileValues["endpoint_url"] { return (url, "endpoint_url of the profile") }
        return nil
    }
}

/// The region, as the CLI and SDKs find it: `--region`, `AWS_REGION`, `AWS_DEFAULT_REGION`, the
/// profile's `region`, then instance metadata (IMDSv2).
public enum RegionResolution {
    /// Resolves the region, or fails naming everything tried.
    public static func resolve(
        explicit: String?, environment: AWSEnvironment, profile: String, transport: any AWSHTTPTransport
    ) async throws(AWSConfigurationError) -> (region: String, source: String) {
        if let explicit { return (try validated(explicit, source: "--region"), "--region") }
        for name in ["AWS_REGION", "AWS_DEFAULT_REGION"] {
            if let value = environment[name] { return (try validated(value, source: name), name) }
        }
        let files = try SharedConfigFiles(environment: environment)
        if let value = files.profiles[profile]?["region"], !value.isEmpty {
            return (try validated(value, source: "region of profile \(profile)"), "profile \(profile)")
        }
        let metadata = InstanceMetadata(environment: environment, transport: transport)
        var metadataNote = "instance metadata (AWS_EC2_METADATA_DISABLED)"
        if !metadata.isDisabled {
            do {
                return (try validated(try await metadata.region(), source: "instance metadata"), "instance metadata")
            } catch {
                metadataNote = error.message
            }
        }
        throw AWSConfigurationError("no AWS region: tried --region, AWS_REGION, AWS_DEFAULT_REGION, the region of profile "
            + "\(profile) and \(metadataNote); pass --region or set AWS_REGION")
    }

    /// A region name is lower-case letters, digits and hyphens (it becomes part of a host name).
    static func validated(_ value: String, source: String) throws(AWSConfigurationError) -> String {
        guard (1...64).contains(value.count),
              value.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }) else {
            throw AWSConfigurationError("\(source): \"\(TextSanitizer.clean(value, limit: 80))\" is not a region name")
        }
        return value
    }
}
