/// A value read from the config file, with the line it was set on.
struct ConfiguredValue<Value: Equatable>: Equatable {
    var value: Value
    var line: Int
}
