using CitizenBot.Cli;

// `citizenbot` with no command (or only host options such as --urls) serves the bot; see Cli/CitizenBotCli.cs.
return await CitizenBotCli.RunAsync(args);
