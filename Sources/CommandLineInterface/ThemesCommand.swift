import OneShotCommands
import ArgumentParser
import Dashboard
import FoundationEssentials
import TerminalUI
import ThemeFiles
import ProtectionCore
import SafeText

/// `ecs-protect themes`: lists the themes `--theme` accepts and where each comes from.
struct ThemesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "themes", abstract: "List the available colour themes.")

    func run() throws {
        let catalog = ThemeCatalog(environment: ProcessInfo.processInfo.environment)
        let listings = catalog.available()
        // Names, paths and descriptions come from the file system and theme files: made inert.
        let width = listings.map { TerminalSafeText.inert($0.name).count }.max() ?? 0
        var output = ""
        for listing in listings {
            var origin: String
            switch listing.origin {
            case .bundled: origin = "bundled"
            case .file(let path): origin = TerminalSafeText.inert(listing.overridesBundled ? "\(path) (overrides bundled)" : path)
            }
            let name = TerminalSafeText.inert(listing.name).paddedWithSpaces(to: width)
            if let error = listing.error {
                output += "\(name)  \(origin)  UNUSABLE: \(error.description)\n"
            } else {
                output += "\(name)  \(origin)\(listing.summary.map { "  — \(TerminalSafeText.inert($0))" } ?? "")\n"
            }
        }
        output += "user themes: \(TerminalSafeText.inert(catalog.userThemeDirectory ?? "(no home directory)"))\n"
        try StandardOutput.write(output)
    }
}
