import Synchronization

/// Parameterized terminfo sequences already filled in, by their parameters.
///
/// The encoder weighs up to five moves for every cursor jump in a frame (`cup`, `vpa`, `hpa` and
/// the counted moves), and filling one in runs terminfo's `tparm` interpreter and a `printf`. The
/// same few hundred positions and counts come back at every frame, so each is filled in once.
final class FilledSequenceCache: Sendable {
    private let filled = Mutex<[Int: [UInt8]]>([:])

    /// Entries kept before starting again: more than every position of a 300-column, 200-row screen.
    static let limit = 65_536

    /// The sequence for the parameters `first` and `second`, from `fill` the first time.
    func sequence(_ first: Int, _ second: Int = 0, fill: () -> [UInt8]) -> [UInt8] {
        // Parameters outside 0..<32768 (none a screen has) are filled in every time.
        guard (0..<32_768).contains(first), (0..<32_768).contains(second) else { return fill() }
        let key = first << 15 | second
        if let known = filled.withLock({ $0[key] }) { return known }
        let bytes = fill()
        filled.withLock { table in
            if table.count >= Self.limit { table.removeAll(keepingCapacity: true) }
            table[key] = bytes
        }
        return bytes
    }
}
