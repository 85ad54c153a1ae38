import ArgumentParser
import ConfigFiles

/// `--alert-before` and `--bell`/`--no-bell`, shared by `watch`, `demo` and `config`. Each is nil
/// when not given, so that the config file's value (or the built-in default) applies.
struct AlertOptions: ParsableArguments {
    @Option(name: .customLong("alert-before"), help: "Minutes before an expiry that a protected task alerts and shows EXPIRING (0-2880, default 10).")
    var alertBefore: Double?

    @Flag(name: .customLong("bell"), inversion: .prefixedNo,
          help: "Whether alerts ring the terminal's bell as well as flash the row (default: they do).")
    var bell: Bool?

    func validate() throws {
        if let alertBefore, !DashboardLimits.alertBefore.contains(alertBefore) {
            throw ValidationError("--alert-before must be between 0 and 2880 minutes, got \(alertBefore)")
        }
    }
}
