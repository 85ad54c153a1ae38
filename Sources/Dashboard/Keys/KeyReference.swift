/// The key reference as Markdown, generated from the key tables: the key section of
/// docs/DASHBOARD.md is this text (a test keeps them equal), so the documentation cannot drift
/// from what the keys do. The man page's KEYS section is written from the same tables.
public enum KeyReference {
    /// Every mode's keys, one table per mode, main view first.
    public static func markdown() -> String {
        var text = ""
        for mode in KeyMode.allCases {
            text += "**\(mode.title)**\n\n| key | action |\n|---|---|\n"
            for binding in KeyBindings.table(for: mode) {
                let note = binding.demoOnly ? " (demo)" : binding.replayOnly ? " (replay)" : binding.sendsPut ? " (not under `--read-only`)" : ""
                text += "| \(code(binding.label)) | \(binding.description)\(note) |\n"
            }
            text += "\n"
        }
        return text
    }

    /// "Up/Down j/k" as `Up`/`Down` `j`/`k`: each key in code spans, the separators left plain.
    private static func code(_ label: String) -> String {
        // The filter key is the one label that is a slash itself.
        if label == "/" { return "`/`" }
        return label.split(separator: " ").map { word in
            word == "/" ? "/" : word.split(separator: "/", omittingEmptySubsequences: false).map { $0.isEmpty ? "/" : "`\($0)`" }.joined(separator: "/")
        }.joined(separator: " ")
    }
}
