import ArgumentParser

/// `--alert-before` and `--no-bell`, shared by `watch` and `demo`.
struct AlertOptions: ParsableArguments {
    @Option(name: .customLong("alert-before"), help: "Minutes before an expiry that a protected task alerts and shows EXPIRING (0-2880).")
    var alertBefore: Double = 10

    @Flag(name: .customLong("no-bell"), help: "Alerts flash the row without ringing the terminal's bell.")
    var noBell = false

    func validate() throws {
        guard alertBefore >= 0, alertBefore <= 2880 else {
            throw ValidationError("--alert-before must be between 0 and 2880 minutes, got \(alertBefore)")
        }
    }
}
