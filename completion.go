package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
)

// alibabaRegions are the Alibaba Cloud regions that serve VPN gateways, for
// completing --region without a call (completion must answer at once).
var alibabaRegions = []string{
	"cn-qingdao", "cn-beijing", "cn-zhangjiakou", "cn-huhehaote", "cn-wulanchabu",
	"cn-hangzhou", "cn-shanghai", "cn-nanjing", "cn-fuzhou", "cn-shenzhen", "cn-heyuan",
	"cn-guangzhou", "cn-chengdu", "cn-hongkong", "ap-northeast-1", "ap-northeast-2",
	"ap-southeast-1", "ap-southeast-3", "ap-southeast-5", "ap-southeast-6", "ap-southeast-7",
	"us-east-1", "us-west-1", "eu-west-1", "eu-central-1", "me-east-1", "me-central-1",
}

// completionScripts are sourced by the shells; each asks
// `vpnscope __complete KIND` for the values that depend on this machine
// (profiles), so the scripts never go stale.
var completionScripts = map[string]string{
	"bash": `# bash completion for vpnscope: source <(vpnscope completion bash)
_vpnscope() {
  local cur prev
  cur=${COMP_WORDS[COMP_CWORD]}
  prev=${COMP_WORDS[COMP_CWORD-1]}
  case $prev in
    --region) COMPREPLY=($(compgen -W "$(vpnscope __complete regions 2>/dev/null)" -- "$cur")); return ;;
    --profile) COMPREPLY=($(compgen -W "$(vpnscope __complete profiles 2>/dev/null)" -- "$cur")); return ;;
    --theme) COMPREPLY=($(compgen -W "auto dark light" -- "$cur")); return ;;
    --provider) COMPREPLY=($(compgen -W "alibaba aws" -- "$cur")); return ;;
    --debug-log) COMPREPLY=($(compgen -f -- "$cur")); return ;;
    completion) COMPREPLY=($(compgen -W "bash zsh fish" -- "$cur")); return ;;
  esac
  if [[ ${COMP_WORDS[1]} == emulator ]]; then
    COMPREPLY=($(compgen -W "{{EMULATOR_FLAGS}}" -- "$cur"))
  elif [[ $COMP_CWORD == 1 && $cur != -* ]]; then
    COMPREPLY=($(compgen -W "{{COMMANDS}}" -- "$cur"))
  else
    COMPREPLY=($(compgen -W "{{FLAGS}}" -- "$cur"))
  fi
}
complete -F _vpnscope vpnscope
`,
	"zsh": `#compdef vpnscope
# zsh completion for vpnscope: vpnscope completion zsh > "${fpath[1]}/_vpnscope"
_vpnscope() {
  local -a commands
  commands=({{ZSH_COMMANDS}})
  if [[ $words[2] == emulator ]]; then
    _arguments {{ZSH_EMULATOR_FLAGS}}
    return
  fi
  if [[ $words[2] == completion ]]; then
    _values shell bash zsh fish
    return
  fi
  _arguments -C \
    '1: :->cmd' \
    {{ZSH_FLAGS}}
  case $state in
    cmd) _describe command commands ;;
  esac
}
_vpnscope_regions() { compadd -- ${(f)"$(vpnscope __complete regions 2>/dev/null)"} }
_vpnscope_profiles() { compadd -- ${(f)"$(vpnscope __complete profiles 2>/dev/null)"} }
compdef _vpnscope vpnscope
`,
	"fish": `# fish completion for vpnscope: vpnscope completion fish > ~/.config/fish/completions/vpnscope.fish
complete -c vpnscope -f
{{FISH_COMMANDS}}
{{FISH_FLAGS}}
complete -c vpnscope -n '__fish_seen_subcommand_from completion' -a 'bash zsh fish'
`,
}

// commands are the subcommands, with what they do.
var commands = [][2]string{
	{"problems", "what is broken in every region, for scripts"},
	{"emulator", "serve the emulator alone"},
	{"completion", "print a shell completion script (bash, zsh, fish)"},
}

// flagValues completes a flag's value: a word list, or a kind the script
// asks vpnscope for.
func flagValues(name string) (words string, dynamic string) {
	switch name {
	case "region":
		return "", "regions"
	case "profile":
		return "", "profiles"
	case "theme":
		return "auto dark light", ""
	case "provider":
		return "alibaba aws", ""
	}
	return "", ""
}

func runCompletion(args []string, stdout io.Writer) error {
	if len(args) != 1 {
		return fmt.Errorf("usage: vpnscope completion bash|zsh|fish")
	}
	script, ok := completionScripts[args[0]]
	if !ok {
		return fmt.Errorf("completion %q: want bash, zsh or fish", args[0])
	}
	main := newFlagSet(&options{}, io.Discard)
	emu := newEmulatorFlagSet(&emulatorOptions{}, io.Discard)
	r := strings.NewReplacer(
		"{{FLAGS}}", strings.Join(flagNames(main), " "),
		"{{EMULATOR_FLAGS}}", strings.Join(flagNames(emu), " "),
		"{{COMMANDS}}", strings.Join(commandNames(), " "),
		"{{ZSH_COMMANDS}}", zshCommands(),
		"{{ZSH_FLAGS}}", zshFlags(main),
		"{{ZSH_EMULATOR_FLAGS}}", zshFlags(emu),
		"{{FISH_COMMANDS}}", fishCommands(),
		"{{FISH_FLAGS}}", fishFlags(main, "__fish_use_subcommand")+"\n"+fishFlags(emu, "__fish_seen_subcommand_from emulator"),
	)
	_, err := io.WriteString(stdout, r.Replace(script))
	return err
}

// runComplete prints the values of one kind, one a line: what the shell
// scripts ask for at completion time.
func runComplete(args []string, stdout io.Writer) error {
	if len(args) != 1 {
		return fmt.Errorf("usage: vpnscope __complete regions|profiles")
	}
	var values []string
	switch args[0] {
	case "regions":
		values = slices.Clone(alibabaRegions)
		if p, ok := readCLIProfile(cliConfigPath(), ""); ok && p.RegionID != "" {
			values = append(values, p.RegionID)
		}
		if cfg, err := loadConfig(configPath()); err == nil && cfg.region != "" {
			values = append(values, cfg.region)
		}
	case "profiles":
		values = cliProfileNames(cliConfigPath())
	default:
		return fmt.Errorf("__complete %q: want regions or profiles", args[0])
	}
	slices.Sort(values)
	for _, v := range slices.Compact(values) {
		fmt.Fprintln(stdout, v)
	}
	return nil
}

// cliProfileNames lists the aliyun CLI's profiles; none when it has no
// config.
func cliProfileNames(path string) []string {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil
	}
	var cfg struct {
		Profiles []cliProfile `json:"profiles"`
	}
	if json.Unmarshal(b, &cfg) != nil {
		return nil
	}
	var names []string
	for _, p := range cfg.Profiles {
		names = append(names, p.Name)
	}
	return names
}

func flagNames(fs *flag.FlagSet) []string {
	var names []string
	fs.VisitAll(func(f *flag.Flag) { names = append(names, "--"+f.Name) })
	return append(names, "--help")
}

func commandNames() []string {
	var names []string
	for _, c := range commands {
		names = append(names, c[0])
	}
	return names
}

func zshCommands() string {
	var parts []string
	for _, c := range commands {
		parts = append(parts, fmt.Sprintf("'%s:%s'", c[0], c[1]))
	}
	return strings.Join(parts, " ")
}

// zshQuote makes a flag's usage safe inside a zsh _arguments spec.
func zshQuote(s string) string {
	s, _, _ = strings.Cut(s, "\n")
	return strings.NewReplacer("'", "", "[", "(", "]", ")", ":", " ", "`", "").Replace(s)
}

func zshFlags(fs *flag.FlagSet) string {
	var specs []string
	fs.VisitAll(func(f *flag.Flag) {
		_, usage := flag.UnquoteUsage(f)
		spec := fmt.Sprintf("'--%s[%s]", f.Name, zshQuote(usage))
		if !isBool(f) {
			words, dynamic := flagValues(f.Name)
			switch {
			case dynamic != "":
				spec += fmt.Sprintf(":%s:_vpnscope_%s", f.Name, dynamic)
			case words != "":
				spec += fmt.Sprintf(":%s:(%s)", f.Name, words)
			default:
				spec += fmt.Sprintf(":%s:", f.Name)
			}
		}
		specs = append(specs, spec+"'")
	})
	return strings.Join(specs, " \\\n    ")
}

func fishCommands() string {
	var lines []string
	for _, c := range commands {
		lines = append(lines, fmt.Sprintf("complete -c vpnscope -n __fish_use_subcommand -a %s -d '%s'", c[0], c[1]))
	}
	return strings.Join(lines, "\n")
}

func fishFlags(fs *flag.FlagSet, condition string) string {
	var lines []string
	fs.VisitAll(func(f *flag.Flag) {
		_, usage := flag.UnquoteUsage(f)
		line := fmt.Sprintf("complete -c vpnscope -n '%s' -l %s -d '%s'", condition, f.Name, strings.ReplaceAll(zshQuote(usage), "'", ""))
		if !isBool(f) {
			words, dynamic := flagValues(f.Name)
			switch {
			case dynamic != "":
				line += fmt.Sprintf(" -x -a '(vpnscope __complete %s 2>/dev/null)'", dynamic)
			case words != "":
				line += fmt.Sprintf(" -x -a '%s'", words)
			default:
				line += " -r"
			}
		}
		lines = append(lines, line)
	})
	return strings.Join(lines, "\n")
}

func isBool(f *flag.Flag) bool {
	b, ok := f.Value.(interface{ IsBoolFlag() bool })
	return ok && b.IsBoolFlag()
}
