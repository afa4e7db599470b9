#!/usr/bin/env node
// `npx lumen-emulator [options]` (`--help` lists them): the built CLI of emulator/cli.ts.
import '../dist/cli.js'
