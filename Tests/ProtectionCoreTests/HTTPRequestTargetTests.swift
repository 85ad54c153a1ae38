import ProtectionClient
import Testing

/// The request line carries what a URL asks for after its authority, as it was signed or typed.
@Suite struct HTTPRequestTargetTests {
    @Test(arguments: [
        ("http://127.0.0.1:51678/api/abc/task-protection/v1/state", "/api/abc/task-protection/v1/state"),
        ("https://ecs.eu-west-1.amazonaws.com/", "/"),
        ("https://ecs.eu-west-1.amazonaws.com", "/"),
        ("https://sts.amazonaws.com/?Action=GetCallerIdentity&Version=2011-06-15", "/?Action=GetCallerIdentity&Version=2011-06-15"),
        ("https://sts.amazonaws.com?Action=X", "/?Action=X"),
        ("http://[::1]:8080/v2/credentials/a%2Fb?x=1#frag", "/v2/credentials/a%2Fb?x=1"),
        ("http://host#only-a-fragment", "/"),
        ("not a url", "/"),
    ])
    func theTargetIsWhatFollowsTheAuthority(url: String, target: String) {
        #expect(HTTPRequestTarget.of(url) == target)
    }
}
