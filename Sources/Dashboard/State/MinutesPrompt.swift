import ProtectionCore

/// The "protect for how many minutes?" prompt: digits typed so far, validated as they are typed.
public struct MinutesPrompt: Sendable, Equatable {
    /// The tasks the change will be sent to, fixed when the prompt opened.
    public var targets: [TargetID]
    /// The digits typed so far.
    public private(set) var text: String = ""
    /// Set when the last key was refused (not a digit, or too long); cleared by the next accepted key.
    public private(set) var refusal: String?

    /// More digits than this can never be in range, and would only overflow.
    static let maxDigits = 5

    public init(targets: [TargetID]) {
        self.targets = targets
    }

    /// The minutes typed, when they are a whole number in ``ProtectionChange/minutesRange``.
    public var minutes: Int? {
        guard let value = Int(text), ProtectionChange.minutesRange.contains(value) else { return nil }
        return value
    }

    /// What is wrong with the input right now, or nil when Enter would send it.
    public var validationMessage: String? {
        if let refusal { return refusal }
        let range = ProtectionChange.minutesRange
        if text.isEmpty { return "type minutes (\(range.lowerBound)-\(range.upperBound))" }
        if minutes == nil { return "must be between \(range.lowerBound) and \(range.upperBound) minutes" }
        return nil
    }

    /// Appends a typed character when it is a digit; anything else is refused with a message.
    public mutating func type(_ character: Character) {
        guard character.isASCII, character.isWholeNumber else {
            refusal = "digits only"
            return
        }
        guard text.count < Self.maxDigits else {
            refusal = "at most \(Self.maxDigits) digits"
            return
        }
        text.append(character)
        refusal = nil
    }

    /// Removes the last digit.
    public mutating func deleteBackward() {
        if !text.isEmpty { text.removeLast() }
        refusal = nil
    }
}
