// libFuzzer target: `--endpoint` arguments and `--endpoints-from` lists.
// Built by scripts/fuzz against ProtectionCore's sources.
@_cdecl("LLVMFuzzerTestOneInput")
public func endpointParserFuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let argument = String(decoding: bytes, as: UTF8.self)
    do {
        let endpoint = try EndpointParser.parse(argument)
        guard !TerminalSafeText.containsUnsafe(endpoint.description) else { fatalError("unsafe endpoint accepted") }
        // What we print must read back as the same endpoint.
        guard let again = try? EndpointParser.parse(endpoint.agentURI), again.agentURI == endpoint.agentURI else {
            fatalError("agentURI does not round-trip: \(endpoint.agentURI.debugDescription)")
        }
    } catch {
        guard !TerminalSafeText.containsUnsafe(error.description) else { fatalError("unsafe error text") }
    }
    do {
        _ = try EndpointList.parse(bytes, source: "fuzz")
    } catch {
        guard !TerminalSafeText.containsUnsafe(error.description) else { fatalError("unsafe list error text") }
    }
    return 0
}
