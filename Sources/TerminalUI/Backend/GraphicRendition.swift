/// A rendition as ANSI "select graphic rendition" parameters, for terminals whose attribute and
/// colour sequences are all `ESC [ … m` (xterm and its kin). Between two of them the encoder sends
/// only the difference in one sequence — `ESC [ 22;90 m` turns bold off and the colour grey —
/// where terminfo alone offers nothing but a full reset (`sgr0`) and everything again.
struct GraphicRendition: Equatable {
    /// Bold (1), dim (2), underline (4), reverse (7).
    var attributes: Set<Int> = []
    /// Colour parameters (`32`, `38;5;114`, `38;2;r;g;b`); nil for the terminal's default.
    var foreground: [Int]?
    var background: [Int]?

    /// Attributes this form knows how to turn off one by one.
    private static let knownAttributes: Set<Int> = [1, 2, 4, 7]

    /// The rendition's parameters, or nil when any of its sequences is not a plain `ESC [ … m`.
    init?(_ rendition: Rendition) {
        guard let attributes = Self.parameters(rendition.attributes, allowEmpty: true),
              attributes.allSatisfy(Self.knownAttributes.contains) else { return nil }
        self.attributes = Set(attributes)
        if let bytes = rendition.foreground {
            guard let foreground = Self.parameters(bytes, allowEmpty: false) else { return nil }
            self.foreground = foreground
        }
        if let bytes = rendition.background {
            guard let background = Self.parameters(bytes, allowEmpty: false) else { return nil }
            self.background = background
        }
    }

    /// Whether `reset` is a plain ANSI reset (`ESC [ m` or `ESC [ 0 m`), optionally after the
    /// designation of the ASCII character set, `ESC ( B`, which xterm's `sgr0` carries: nothing
    /// here switches character sets, so it is not needed again.
    static func isPlainReset(_ reset: [UInt8]) -> Bool {
        let designation: [UInt8] = [0x1B, 0x28, 0x42]
        let rest = reset.starts(with: designation) ? Array(reset.dropFirst(3)) : reset
        guard let parameters = parameters(rest, allowEmpty: true) else { return false }
        return parameters.allSatisfy { $0 == 0 }
    }

    /// One sequence that turns `current` (nil: unknown) into `self`: only the changes, or a reset
    /// and everything, whichever is shorter.
    func sequence(from current: GraphicRendition?) -> [UInt8] {
        let full = [0] + attributes.sorted() + (foreground ?? []) + (background ?? [])
        guard let current else { return Self.encode(full) }
        var delta: [Int] = []
        var stillOn = current.attributes
        let removed = current.attributes.subtracting(attributes)
        if !removed.isDisjoint(with: [1, 2]) {
            delta.append(22)
            stillOn.subtract([1, 2])
        }
        if removed.contains(4) { delta.append(24) }
        if removed.contains(7) { delta.append(27) }
        delta += attributes.subtracting(stillOn).sorted()
        if current.foreground != foreground { delta += foreground ?? [39] }
        if current.background != background { delta += background ?? [49] }
        let changes = Self.encode(delta)
        let reset = Self.encode(full)
        return changes.count <= reset.count ? changes : reset
    }

    private static func encode(_ parameters: [Int]) -> [UInt8] {
        var bytes: [UInt8] = [0x1B, 0x5B]
        for (index, parameter) in parameters.enumerated() {
            if index > 0 { bytes.append(0x3B) }
            bytes.append(contentsOf: String(parameter).utf8)
        }
        bytes.append(0x6D)
        return bytes
    }

    /// The numbers of one or more `ESC [ n;n… m` sequences in a row; nil for anything else.
    private static func parameters(_ bytes: [UInt8], allowEmpty: Bool) -> [Int]? {
        var numbers: [Int] = []
        var index = 0
        guard allowEmpty || !bytes.isEmpty else { return nil }
        while index < bytes.count {
            guard index + 2 < bytes.count, bytes[index] == 0x1B, bytes[index + 1] == 0x5B else { return nil }
            index += 2
            var current: Int?
            while index < bytes.count, bytes[index] != 0x6D {
                let byte = bytes[index]
                if byte == 0x3B {
                    numbers.append(current ?? 0)
                    current = nil
                } else if (0x30...0x39).contains(byte), (current ?? 0) < 100_000_000 {
                    current = (current ?? 0) * 10 + Int(byte - 0x30)
                } else {
                    return nil
                }
                index += 1
            }
            guard index < bytes.count else { return nil }
            if let current { numbers.append(current) }
            index += 1
        }
        return numbers
    }
}
