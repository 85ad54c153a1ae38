/// The one-line result of the last action, shown above the footer.
public struct StatusMessage: Sendable, Equatable {
    /// The message.
    public var text: String
    /// Whether it reports a refusal or a failure rather than a success.
    public var isError: Bool

    public init(_ text: String, isError: Bool = false) {
        self.text = text
        self.isError = isError
    }
}
