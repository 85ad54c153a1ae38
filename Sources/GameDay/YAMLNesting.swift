import CLibYAML

/// How deeply a YAML text nests its collections, found with libyaml's event parser (a state
/// machine with its own stack, no recursion) before the text is composed into a tree.
enum YAMLNesting {
    /// Where the nesting first goes deeper than the limit.
    struct TooDeep: Equatable {
        /// 1-based line of the collection that goes too deep.
        var line: Int
    }

    /// The first collection (sequence or mapping, block or flow) nested more than `limit` deep,
    /// or nil when there is none. Stops at the first syntax error (the composer reports it) and
    /// at the first too-deep collection, so a hostile text costs one linear scan at most.
    static func firstTooDeep(in text: String, limit: Int) -> TooDeep? {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { return nil }
        defer { yaml_parser_delete(&parser) }
        var bytes = Array(text.utf8)
        return bytes.withUnsafeMutableBufferPointer { buffer -> TooDeep? in
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
            var depth = 0
            while true {
                var event = yaml_event_t()
                guard yaml_parser_parse(&parser, &event) == 1 else { return nil }
                defer { yaml_event_delete(&event) }
                switch event.type {
                case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
                    depth += 1
                    if depth > limit { return TooDeep(line: Int(event.start_mark.line) + 1) }
                case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                    depth -= 1
                case YAML_STREAM_END_EVENT, YAML_NO_EVENT:
                    return nil
                default:
                    break
                }
            }
        }
    }
}
