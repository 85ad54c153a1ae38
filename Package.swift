// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "ecs-protect",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "ecs-protect", targets: ["ecs-protect"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
    ],
    targets: [
        // The one sanitiser for text from outside (agents, files, arguments) on its way to a
        // terminal or a JSON document; no dependencies, so every layer can use it.
        .target(name: "SafeText"),
        // Opens the files ecs-protect reads and writes: regular files only, never blocking at open.
        .target(name: "FileAccess"),
        // UTC calendar arithmetic and fixed-layout date scanning for the wire formats (RFC 3339,
        // HTTP-date, SigV4's X-Amz-Date); no dependencies, so the client and the signer share it.
        .target(name: "UTCTime"),
        // The shared core without a network stack: wire model, decoding, validation, policies, the
        // task-source and transport interfaces, and the monitors that drive any transport.
        .target(
            name: "ProtectionCore",
            dependencies: ["SafeText", "UTCTime"]
        ),
        // HTTP/1.1 (plain or TLS) on NIO's own pipeline, pooled: the agent endpoint's
        // ProtectionTransport with its event loop's clock and task executor for the monitors,
        // and the connection pool the AWS transport shares.
        .target(
            name: "ProtectionClient",
            dependencies: [
                "ProtectionCore",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]
        ),
        // AWS Signature Version 4 (signing and verification), on swift-crypto and UTCTime only.
        .target(
            name: "AWSSigning",
            dependencies: [
                "UTCTime", "SafeText",
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // AWS access: credentials and region as the SDKs resolve them, and the ECS API client.
        .target(
            name: "AWSAccess",
            dependencies: [
                "SafeText", "ProtectionCore", "ProtectionClient", "AWSSigning", "FileAccess",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]
        ),
        // In-process HTTP/1.1 server that behaves like the ECS agent's endpoint and the ECS API.
        .target(
            name: "AgentSimulator",
            dependencies: [
                "AWSSigning",
                "ProtectionCore",
                "SafeText",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // What any terminal front end needs, nothing of ECS: cell grid, style roles, keys,
        // display width, the theme model and the bundled themes.
        .target(
            name: "TerminalUI",
            dependencies: ["SafeText", "CTerminalSupport"]
        ),
        // The edge of the theme model: reads theme files and the user's theme directory from
        // disk (hostile-file checks) and hands their text to TerminalUI's catalog.
        .target(
            name: "ThemeFiles",
            dependencies: ["TerminalUI"]
        ),
        // Pure dashboard logic: state, keys, reducer, layout into a cell grid.
        .target(
            name: "Dashboard",
            dependencies: ["ProtectionCore", "SafeText", "TerminalUI"]
        ),
        // C helpers Glibc's Swift module hides (wcwidth, pseudo-terminals).
        .target(name: "CTerminalSupport"),
        // Gives back, once the program runs, the memory of the relocation table only the dynamic
        // linker reads, at start.
        .target(name: "CLoaderMemory"),
        // ncursesw, wide-character API.
        .systemLibrary(name: "CNcurses"),
        // libyaml's C API (libyaml-dev), for scenario files.
        .systemLibrary(name: "CLibYAML", providers: [.apt(["libyaml-dev"])]),
        // Draws a cell grid with ncurses, reads keys, handles resize and teardown.
        .target(
            name: "CursesTerminal",
            dependencies: ["TerminalUI", "CNcurses", "CTerminalSupport"]
        ),
        // The one-shot commands' work (get, protect, unprotect, protect --keep): requests, the table
        // and JSON reports, exit statuses, and the checked output every command writes through.
        .target(
            name: "OneShotCommands",
            dependencies: [
                "ProtectionCore", "ProtectionClient", "AWSAccess", "GameDay", "SafeText",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // The config file: where it is, its TOML read as hostile input (shape checked first), target
        // sets and dashboard defaults, and each setting's origin for `ecs-protect config`.
        .target(
            name: "ConfigFiles",
            dependencies: [
                "ProtectionCore", "AWSAccess", "Dashboard", "SafeText",
                .product(name: "TOMLKit", package: "TOMLKit"),
            ]
        ),
        // The dashboard's run loop on any TerminalBackend: the session, the effects it carries out
        // (requests, faults, themes, alerts), and the inbox background work posts events to.
        .target(
            name: "DashboardRuntime",
            dependencies: [
                "SafeText", "ProtectionCore", "ProtectionClient", "AgentSimulator", "AWSAccess", "TerminalUI", "ThemeFiles", "Dashboard", "GameDay",
                "AWSSigning",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Game days: scenario files and their player, the event timeline, keep-protected and
        // lapse-alert policies.
        .target(
            name: "GameDay",
            dependencies: [
                "SafeText", "FileAccess", "ProtectionCore", "AgentSimulator", "CLibYAML",
            ],
            // The archive, not the shared library: the installed binary should not need libyaml
            // on the machine it runs on.
            linkerSettings: [.linkedLibrary(":libyaml.a")]
        ),
        // Every command: its options, their checks and the wiring of the libraries below; a library
        // so that parsing and settings are unit tested without starting the binary.
        .target(
            name: "CommandLineInterface",
            dependencies: [
                "SafeText", "ProtectionCore", "ProtectionClient", "AgentSimulator", "TerminalUI", "ThemeFiles", "Dashboard", "DashboardRuntime", "CursesTerminal", "AWSAccess", "ConfigFiles", "OneShotCommands",
                "CTerminalSupport", "FileAccess",
                "AWSSigning",
                "GameDay",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "ecs-protect",
            dependencies: ["CommandLineInterface", "CLoaderMemory"]
        ),
        .testTarget(name: "SafeTextTests", dependencies: ["SafeText"]),
        .testTarget(name: "UTCTimeTests", dependencies: ["UTCTime"]),
        .testTarget(name: "ProtectionCoreTests", dependencies: [
            "SafeText", "ProtectionCore", "ProtectionClient", "AgentSimulator",
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
        ]),
        .testTarget(name: "AgentSimulatorTests", dependencies: [
            "AgentSimulator", "AWSSigning",
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
        ]),
        .testTarget(name: "AWSAccessTests", dependencies: [
            "AWSAccess", "AWSSigning", "AgentSimulator", "ProtectionCore", "ProtectionClient",
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
            .product(name: "NIOSSL", package: "swift-nio-ssl"),
        ]),
        // Test support for suites that measure or draw text (selects a UTF-8 locale).
        .target(name: "TerminalTestSupport", dependencies: ["TerminalUI"], path: "Tests/TerminalTestSupport"),
        .testTarget(name: "TerminalUITests", dependencies: ["TerminalUI", "TerminalTestSupport"]),
        .testTarget(name: "ThemeFilesTests", dependencies: ["SafeText", "TerminalUI", "ThemeFiles"]),
        .testTarget(name: "DashboardTests", dependencies: ["Dashboard", "TerminalUI", "ProtectionCore", "TerminalTestSupport"], exclude: ["Goldens"]),
        .testTarget(name: "CLoaderMemoryTests", dependencies: ["CLoaderMemory"]),
        .testTarget(name: "CursesTerminalTests", dependencies: [
            "CursesTerminal", "CNcurses", "TerminalUI", "CTerminalSupport", "TerminalTestSupport",
        ]),
        .testTarget(name: "DashboardRuntimeTests", dependencies: [
            "DashboardRuntime", "Dashboard", "TerminalUI", "AgentSimulator", "ProtectionCore", "TerminalTestSupport", "GameDay", "ProtectionClient",
        ]),
        .testTarget(name: "OneShotCommandsTests", dependencies: ["OneShotCommands", "ProtectionCore"]),
        .testTarget(name: "ConfigFilesTests", dependencies: ["ConfigFiles", "ProtectionCore", "Dashboard"]),
        .testTarget(name: "CommandLineInterfaceTests", dependencies: [
            "CommandLineInterface", "ConfigFiles", "Dashboard",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .testTarget(name: "GameDayTests", dependencies: ["GameDay", "AgentSimulator", "ProtectionCore", "ProtectionClient"], exclude: ["Fixtures"]),
        // The end-to-end tests run the built binary; they link only what they read its output with.
        .testTarget(name: "EndToEndTests", dependencies: ["Dashboard", "OneShotCommands"],
                    exclude: ["hangup_probe.py"]),
    ],
    swiftLanguageModes: [.v6]
)
