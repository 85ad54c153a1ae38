/// Plain reads of a parsed document, for files and bodies that are not the agent's (caches,
/// records, API requests): keys match exactly and, among duplicates, the last one wins.
extension JSONValue {
    /// The members of an object by key; nil when this is not an object.
    public var members: [String: JSONValue]? {
        guard case .object(let pairs) = self else { return nil }
        var members: [String: JSONValue] = [:]
        for (key, value) in pairs { members[key] = value }
        return members
    }

    /// The elements of an array; nil when this is not an array.
    public var elements: [JSONValue]? {
        guard case .array(let elements) = self else { return nil }
        return elements
    }

    /// The text of a string; nil for any other value.
    public var string: String? {
        guard case .string(let text) = self else { return nil }
        return text
    }

    /// The value of a number (as the nearest `Double`); nil for any other value.
    public var number: Double? {
        guard case .number(let text) = self else { return nil }
        return Double(text)
    }

    /// Whether this is `null`.
    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }
}
