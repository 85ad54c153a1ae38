import CommandLineInterface

// Everything the command line does lives in the CommandLineInterface library, where it is unit
// tested; the executable only starts it.
await ECSProtect.launch()
