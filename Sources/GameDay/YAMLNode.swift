/// One node of a YAML document as written: text, a list or a map (its pairs in file order), with
/// the 1-based line it starts on. Values stay text: the scenario reader checks and converts them
/// itself, so `no` is never silently a boolean.
indirect enum YAMLNode: Sendable {
    case scalar(String, line: Int)
    case sequence([YAMLNode], line: Int)
    case mapping([(key: YAMLNode, value: YAMLNode)], line: Int)

    /// The line the node starts on.
    var line: Int {
        switch self {
        case .scalar(_, let line), .sequence(_, let line), .mapping(_, let line): line
        }
    }
}
