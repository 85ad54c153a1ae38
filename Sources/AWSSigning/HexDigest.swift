import Crypto

/// Hex digests for names derived from text, as the AWS tools derive them (not for security).
public enum HexDigest {
    /// Lower-case hex SHA-1 of `text`'s UTF-8 bytes: the file name the AWS CLI gives an IAM
    /// Identity Center token in `~/.aws/sso/cache`.
    public static func sha1(_ text: String) -> String {
        SigV4Signer.hex(Insecure.SHA1.hash(data: Array(text.utf8)))
    }
}
