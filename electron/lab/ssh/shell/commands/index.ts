import { commands } from '../interpreter';
import { basicCommands } from './basic';
import { fileCommands } from './files';
import { processCommands } from './processes';
import { tailCommands } from './tail';
import { testCommands } from './test';

for (const table of [basicCommands, fileCommands, processCommands, tailCommands, testCommands]) {
  for (const [name, command] of Object.entries(table)) commands.set(name, command);
}

export { commands };
