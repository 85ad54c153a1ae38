import ProtectionCore

/// Target ids as compact ranges (`0-4,7,9-10`), so a heartbeat for hundreds of tasks stays one short line.
public enum TargetRanges {
    /// `ids` sorted and joined into ranges.
    public static func text(_ ids: Set<TargetID>) -> String {
        var parts: [String] = []
        var run: (first: TargetID, last: TargetID)?
        for id in ids.sorted() {
            if let current = run, id == current.last + 1 {
                run = (current.first, id)
                continue
            }
            if let current = run { parts.append(part(current)) }
            run = (id, id)
        }
        if let current = run { parts.append(part(current)) }
        return parts.joined(separator: ",")
    }

    /// The ids in `text`; `nil` when it is not ranges of ids (or names more than `limit`).
    public static func ids(_ text: String, limit: Int = 100_000) -> [TargetID]? {
        var ids: [TargetID] = []
        for part in text.split(separator: ",") {
            let bounds = part.split(separator: "-", omittingEmptySubsequences: false)
            guard (1...2).contains(bounds.count), let first = TargetID(bounds[0]), let last = TargetID(bounds[bounds.count - 1]),
                  first >= 0, first <= last, last - first < limit - ids.count else { return nil }
            ids.append(contentsOf: first...last)
        }
        return ids
    }

    private static func part(_ run: (first: TargetID, last: TargetID)) -> String {
        run.first == run.last ? String(run.first) : "\(run.first)-\(run.last)"
    }
}
