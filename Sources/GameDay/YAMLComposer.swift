import CLibYAML

/// Composes a YAML text into one ``YAMLNode`` tree with libyaml's event parser, without
/// recursion (the nesting of a hostile text costs heap, not stack), refusing it at the first
/// collection nested deeper than asked: the parse stops there, so 200,000 `[` cost no more than
/// 33. Anchors and aliases are honoured (an alias is the node its anchor named); tags are ignored.
enum YAMLComposer {
    /// Why a text is not one YAML document.
    struct Failure: Error, Equatable {
        /// 1-based line the problem is on, when libyaml says.
        var line: Int?
        /// libyaml's words for the problem.
        var problem: String
        /// The text is not readable as YAML characters at all (a reader error, no line).
        var unreadable = false
        /// A list or map at `line` is nested deeper than the composer was asked to go.
        var nestedTooDeep = false
    }

    /// The document in `text`: nil when the text holds none (empty, or comments only). A list or
    /// map nested more than `maximumDepth` deep ends the parse with a ``Failure/nestedTooDeep``.
    static func compose(_ text: String, maximumDepth: Int = .max) throws(Failure) -> YAMLNode? {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { throw Failure(line: nil, problem: "the YAML parser could not start") }
        defer { yaml_parser_delete(&parser) }
        var bytes = Array(text.utf8)
        return try bytes.withUnsafeMutableBufferPointer { buffer throws(Failure) -> YAMLNode? in
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
            var state = State(maximumDepth: maximumDepth)
            while true {
                var event = yaml_event_t()
                guard yaml_parser_parse(&parser, &event) == 1 else { throw failure(of: parser) }
                defer { yaml_event_delete(&event) }
                if event.type == YAML_STREAM_END_EVENT || event.type == YAML_NO_EVENT { break }
                try state.take(event)
            }
            return state.root
        }
    }

    /// What libyaml's parser says went wrong.
    private static func failure(of parser: yaml_parser_t) -> Failure {
        let problem = parser.problem.map { String(cString: $0) } ?? "unknown problem"
        if parser.error == YAML_READER_ERROR || parser.error == YAML_MEMORY_ERROR {
            return Failure(line: nil, problem: problem, unreadable: true)
        }
        return Failure(line: Int(parser.problem_mark.line) + 1, problem: problem)
    }

    /// A list or map not yet closed. Its items are appended in place (``State/open``'s last
    /// element), so a list of thousands of steps costs linear time, not a copy per item.
    private struct OpenCollection {
        var isMapping: Bool
        var line: Int
        var anchor: String?
        var items: [YAMLNode] = []
        var pairs: [(key: YAMLNode, value: YAMLNode)] = []
        var pendingKey: YAMLNode?

        var node: YAMLNode { isMapping ? .mapping(pairs, line: line) : .sequence(items, line: line) }
    }

    /// The collections open so far, innermost last, and what was composed.
    private struct State {
        let maximumDepth: Int
        var open: [OpenCollection] = []
        var anchors: [String: YAMLNode] = [:]
        var root: YAMLNode?
        var documents = 0

        mutating func take(_ event: yaml_event_t) throws(Failure) {
            let line = Int(event.start_mark.line) + 1
            let opens = event.type == YAML_SEQUENCE_START_EVENT || event.type == YAML_MAPPING_START_EVENT
            if opens, open.count >= maximumDepth {
                throw Failure(line: line, problem: "nested more than \(maximumDepth) deep", nestedTooDeep: true)
            }
            switch event.type {
            case YAML_DOCUMENT_START_EVENT:
                documents += 1
                guard documents == 1 else { throw Failure(line: line, problem: "expected a single document in the stream") }
            case YAML_SCALAR_EVENT:
                let scalar = event.data.scalar
                let value = String(decoding: UnsafeBufferPointer(start: scalar.value, count: Int(scalar.length)), as: UTF8.self)
                add(.scalar(value, line: line), anchor: YAMLComposer.text(scalar.anchor))
            case YAML_ALIAS_EVENT:
                let name = YAMLComposer.text(event.data.alias.anchor) ?? ""
                guard let node = anchors[name] else { throw Failure(line: line, problem: "found undefined alias") }
                add(node, anchor: nil)
            case YAML_SEQUENCE_START_EVENT:
                open.append(OpenCollection(isMapping: false, line: line, anchor: YAMLComposer.text(event.data.sequence_start.anchor)))
            case YAML_MAPPING_START_EVENT:
                open.append(OpenCollection(isMapping: true, line: line, anchor: YAMLComposer.text(event.data.mapping_start.anchor)))
            case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                guard let closed = open.popLast() else { throw Failure(line: line, problem: "a collection ends that never began") }
                add(closed.node, anchor: closed.anchor)
            default:
                break
            }
        }

        /// Puts a finished node where it belongs: the root, the next item of a list, or a map's
        /// key or value.
        private mutating func add(_ node: YAMLNode, anchor: String?) {
            if let anchor { anchors[anchor] = node }
            let innermost = open.count - 1
            guard innermost >= 0 else {
                root = node
                return
            }
            if !open[innermost].isMapping {
                open[innermost].items.append(node)
            } else if let key = open[innermost].pendingKey {
                open[innermost].pairs.append((key, node))
                open[innermost].pendingKey = nil
            } else {
                open[innermost].pendingKey = node
            }
        }
    }

    private static func text(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        pointer.map { String(cString: UnsafePointer($0)) }
    }
}
