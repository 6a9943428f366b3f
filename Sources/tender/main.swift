import ArgumentParser
import TenderCLI

TenderCommand.main()
