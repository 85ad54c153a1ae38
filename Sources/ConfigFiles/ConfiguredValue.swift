/// A value read from the config file, with the line it was set on.
public struct ConfiguredValue<Value: Equatable & Sendable>: Equatable, Sendable {
    public var value: Value
    public var line: Int
}
