#if canImport(Glibc)
import Glibc
#endif
import CLoaderMemory
import Foundation
import Testing

/// The relocation table is given back on the test binary itself: where it is comes from the
/// file's section headers, read here independently of the dynamic section the C code goes by.
@Suite(.serialized) struct RelocationTableTests {
    /// `.rela.dyn` as the section headers of /proc/self/exe give it: its address relative to the
    /// load base, its size, and where it is in the file.
    private struct Section {
        let address: Int
        let size: Int
        let offset: Int
    }

    private static func integer(_ bytes: Data, at offset: Int, width: Int) -> Int {
        var value = 0
        for index in (0..<width).reversed() { value = value << 8 | Int(bytes[bytes.startIndex + offset + index]) }
        return value
    }

    private static func relocationSection(in file: FileHandle) throws -> Section? {
        try file.seek(toOffset: 0)
        let header = try #require(try file.read(upToCount: 64))
        #expect(header.prefix(4) == Data([0x7F, 0x45, 0x4C, 0x46]), "an ELF file")
        let sectionsAt = integer(header, at: 0x28, width: 8)
        let entrySize = integer(header, at: 0x3A, width: 2)
        let count = integer(header, at: 0x3C, width: 2)
        let namesIndex = integer(header, at: 0x3E, width: 2)
        try file.seek(toOffset: UInt64(sectionsAt))
        let table = try #require(try file.read(upToCount: entrySize * count))
        func field(_ section: Int, _ offset: Int, _ width: Int) -> Int { integer(table, at: section * entrySize + offset, width: width) }
        try file.seek(toOffset: UInt64(field(namesIndex, 0x18, 8)))
        let names = try #require(try file.read(upToCount: field(namesIndex, 0x20, 8)))
        for section in 0..<count {
            let start = names.startIndex + field(section, 0, 4)
            guard let end = names[start...].firstIndex(of: 0) else { continue }
            if String(decoding: names[start..<end], as: UTF8.self) == ".rela.dyn" {
                return Section(address: field(section, 0x10, 8), size: field(section, 0x20, 8), offset: field(section, 0x18, 8))
            }
        }
        return nil
    }

    /// Where the program is loaded: the start of its mapping at file offset 0.
    private static func loadBase() throws -> Int {
        let executable = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
        let maps = try String(contentsOfFile: "/proc/self/maps", encoding: .utf8)
        for line in maps.split(separator: "\n") {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            guard fields.count >= 6, fields[2] == "00000000", String(fields[5]) == executable,
                  let start = fields[0].split(separator: "-").first, let address = Int(start, radix: 16) else { continue }
            return address
        }
        throw CocoaError(.fileReadUnknown)
    }

    /// Whether the page at `address` is in this process's memory (bit 63 of its pagemap entry).
    private static func isResident(_ address: Int, pagemap: FileHandle) throws -> Bool {
        try pagemap.seek(toOffset: UInt64(address / Int(getpagesize()) * 8))
        let entry = try #require(try pagemap.read(upToCount: 8))
        return (integer(entry, at: 0, width: 8) >> 63) & 1 == 1
    }

    @Test func wholePagesOfTheTableLeaveMemoryAndReadBackUnchanged() throws {
        let executable = try #require(FileHandle(forReadingAtPath: "/proc/self/exe"))
        defer { try? executable.close() }
        let section = try #require(try Self.relocationSection(in: executable), "the test binary has a relocation table")
        let page = Int(getpagesize())
        let base = try Self.loadBase()
        let first = (base + section.address + page - 1) / page * page
        let end = (base + section.address + section.size) / page * page
        try #require(end > first, "the table spans at least one whole page")
        let pagemap = try #require(FileHandle(forReadingAtPath: "/proc/self/pagemap"))
        defer { try? pagemap.close() }

        // Read every page so it is resident to begin with, keeping its first bytes.
        var before: [Int: UInt64] = [:]
        for address in stride(from: first, to: end, by: page) {
            before[address] = UnsafePointer<UInt64>(bitPattern: address)?.pointee
            #expect(try Self.isResident(address, pagemap: pagemap))
        }

        #expect(ecs_release_relocation_table() == end - first)
        for address in stride(from: first, to: end, by: page) {
            #expect(try !Self.isResident(address, pagemap: pagemap), "page \(String(address, radix: 16)) still resident")
        }
        // Read again, each page comes back from the file as it was.
        for address in stride(from: first, to: end, by: page) {
            #expect(UnsafePointer<UInt64>(bitPattern: address)?.pointee == before[address])
        }
        let fileOffset = section.offset + (first - base - section.address)
        try executable.seek(toOffset: UInt64(fileOffset))
        let onDisk = try #require(try executable.read(upToCount: 8))
        #expect(UInt64(Self.integer(onDisk, at: 0, width: 8)) == UnsafePointer<UInt64>(bitPattern: first)?.pointee)
        // A second call gives the same pages back again, harmlessly.
        #expect(ecs_release_relocation_table() == end - first)
    }
}
