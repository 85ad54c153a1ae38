import CLoaderMemory
import CommandLineInterface

// The dynamic linker read the relocation table before this line and never reads it again: its
// pages (1.6 MB) need not stay resident for a session that may last all day.
_ = ecs_release_relocation_table()

// Everything the command line does lives in the CommandLineInterface library, where it is unit
// tested; the executable only starts it.
await ECSProtect.launch()
