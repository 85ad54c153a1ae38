extension EndpointOptions {
    /// Whether the command line names targets itself (`--endpoint` or `--endpoints-from`), which
    /// rules out a target set by name.
    var givesEndpoints: Bool {
        !EndpointArguments.collected.isEmpty || !endpoints.isEmpty || endpointsFrom != nil
    }
}
