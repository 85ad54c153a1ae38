/// The version of ecs-protect. Everything that shows a version reads it from here: `--version`,
/// the dashboard's help overlay, and the release tarball's name (`scripts/package` asks the
/// built binary).
public enum ProductVersion {
    /// The release this source tree builds, as `MAJOR.MINOR.PATCH`.
    public static let current = "0.1.0"
}
