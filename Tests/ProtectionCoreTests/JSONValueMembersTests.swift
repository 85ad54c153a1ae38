import Testing
@testable import ProtectionCore

@Suite struct JSONValueMembersTests {
    @Test func objectsReadByExactKeyAndTheLastDuplicateWins() throws {
        let value = try #require(JSONValue.parseWhole(Array(#"{"a":"1","A":"2","a":"3","n":-1.5e2,"z":null,"l":[true,"x"]}"#.utf8)))
        let members = try #require(value.members)
        #expect(members["a"]?.string == "3")
        #expect(members["A"]?.string == "2")
        #expect(members["n"]?.number == -150)
        #expect(members["z"]?.isNull == true)
        #expect(members["l"]?.elements == [.bool(true), .string("x")])
        #expect(members["n"]?.string == nil && members["a"]?.number == nil && members["a"]?.isNull == false)
        #expect(JSONValue.array([]).members == nil && JSONValue.string("x").elements == nil)
    }
}
