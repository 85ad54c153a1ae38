import ArgumentParser
import Dashboard
import TerminalUI

/// `ecs-protect themes`: lists the themes `--theme` accepts and where each comes from.
struct ThemesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "themes", abstract: "List the available colour themes.")

    func run() throws {
        let catalog = ThemeCatalog()
        let listings = catalog.available()
        let width = listings.map(\.name.count).max() ?? 0
        for listing in listings {
            var origin: String
            switch listing.origin {
            case .bundled: origin = "bundled"
            case .file(let path): origin = listing.overridesBundled ? "\(path) (overrides bundled)" : path
            }
            let name = listing.name.padding(toLength: width, withPad: " ", startingAt: 0)
            if let error = listing.error {
                print("\(name)  \(origin)  UNUSABLE: \(error.description)")
            } else {
                print("\(name)  \(origin)\(listing.summary.map { "  — \($0)" } ?? "")")
            }
        }
        print("user themes: \(catalog.userThemeDirectory ?? "(no home directory)")")
    }
}
