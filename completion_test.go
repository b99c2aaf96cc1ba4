package main

import (
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// buildOnPath builds vpnscope into a directory put first on PATH, as the
// completion scripts call it by name.
func buildOnPath(t *testing.T) {
	t.Helper()
	dir := t.TempDir()
	if out, err := exec.Command("go", "build", "-o", filepath.Join(dir, "vpnscope"), ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	t.Setenv("PATH", dir+string(os.PathListSeparator)+os.Getenv("PATH"))
}

// completeBash runs the bash completion function for a command line whose
// last word is being typed, and returns the words bash would offer (the
// first word of each entry: cobra adds descriptions when there are several).
func completeBash(t *testing.T, words ...string) []string {
	t.Helper()
	// bash-completion's _get_comp_words_by_ref, as far as cobra's script
	// needs it, where that package is not installed.
	script := `declare -F _get_comp_words_by_ref >/dev/null || _get_comp_words_by_ref() {
  cur=${COMP_WORDS[COMP_CWORD]}; prev=${COMP_WORDS[COMP_CWORD-1]}; words=("${COMP_WORDS[@]}"); cword=$COMP_CWORD
}
source <(vpnscope completion bash)
COMP_WORDS=(` + strings.Join(quoteAll(words), " ") + `)
COMP_CWORD=` + itoa(len(words)-1) + `
COMP_LINE="${COMP_WORDS[*]}"; COMP_POINT=${#COMP_LINE}
fn=$(complete -p vpnscope | sed -n 's/.*-F \([^ ]*\).*/\1/p')
$fn
printf '%s\n' "${COMPREPLY[@]}"`
	cmd := exec.Command("bash", "-c", script)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("bash: %v\n%s", err, stderr.String())
	}
	var offered []string
	for _, line := range strings.Split(string(out), "\n") {
		if f := strings.Fields(line); len(f) > 0 {
			offered = append(offered, f[0])
		}
	}
	return offered
}

func quoteAll(words []string) []string {
	q := make([]string, len(words))
	for i, w := range words {
		q[i] = "'" + w + "'"
	}
	return q
}

func itoa(n int) string { return strconv.Itoa(n) }

func TestBashCompletion(t *testing.T) {
	if _, err := exec.LookPath("bash"); err != nil {
		t.Skip("no bash")
	}
	buildOnPath(t) // before isolate: the build uses this machine's Go caches
	home := isolate(t)
	os.MkdirAll(filepath.Join(home, ".aliyun"), 0o700)
	os.WriteFile(filepath.Join(home, ".aliyun", "config.json"), []byte(`{"current":"dev","profiles":[
		{"name":"dev","mode":"AK","region_id":"cn-wulanchabu"},{"name":"prod","mode":"AK","region_id":"xx-private-1"}]}`), 0o600)
	os.MkdirAll(filepath.Join(home, ".aws"), 0o700)
	os.WriteFile(filepath.Join(home, ".aws", "config"), []byte("[default]\nregion = eu-west-1\n[profile ops]\nregion = us-gov-west-1\n"), 0o600)
	t.Setenv("AWS_CONFIG_FILE", "")
	t.Setenv("AWS_SHARED_CREDENTIALS_FILE", "")
	t.Setenv("VPNSCOPE_PROVIDER", "")
	cases := []struct {
		words []string
		want  []string
		not   []string
	}{
		{[]string{"vpnscope", "--re"}, []string{"--region", "--refresh"}, []string{"--demo"}},
		{[]string{"vpnscope", "--region", "cn-h"}, []string{"cn-hangzhou", "cn-heyuan", "cn-hongkong", "cn-huhehaote"}, []string{"cn-shanghai"}},
		{[]string{"vpnscope", "--profile", ""}, []string{"dev", "prod"}, nil},
		{[]string{"vpnscope", "--theme", "d"}, []string{"dark"}, []string{"light"}},
		{[]string{"vpnscope", "em"}, []string{"emulator"}, nil},
		{[]string{"vpnscope", "emulator", "--la"}, []string{"--latency"}, []string{"--region"}},
		{[]string{"vpnscope", "completion", ""}, []string{"bash", "zsh", "fish", "powershell"}, nil},
		{[]string{"vpnscope", "emulator", "--fault", "th"}, []string{"throttle"}, []string{"hang"}},
		{[]string{"vpnscope", "--provider", "aws", "--region", "us-w"}, []string{"us-west-1", "us-west-2"}, []string{"cn-hangzhou"}},
		{[]string{"vpnscope", "--provider", "aws", "--profile", ""}, []string{"default", "ops"}, []string{"dev"}},
		{[]string{"vpnscope", "help", "pro"}, []string{"problems"}, nil},
	}
	for _, c := range cases {
		got := completeBash(t, c.words...)
		for _, w := range c.want {
			if !contains(got, w) {
				t.Errorf("%v: offers %v, lacks %s", c.words, got, w)
			}
		}
		for _, w := range c.not {
			if contains(got, w) {
				t.Errorf("%v: offers %s", c.words, w)
			}
		}
	}
	// The current profile's own region is offered too.
	if got := completeBash(t, "vpnscope", "--region", "cn-w"); !contains(got, "cn-wulanchabu") {
		t.Errorf("profile region missing: %v", got)
	}
}

func contains(list []string, s string) bool { return slices.Contains(list, s) }

// zsh and fish parse their scripts (-n) where they are installed; CI
// installs both.
func TestZshAndFishCompletionScriptsParse(t *testing.T) {
	for _, shell := range []string{"zsh", "fish"} {
		t.Run(shell, func(t *testing.T) {
			if _, err := exec.LookPath(shell); err != nil {
				t.Skipf("%s is not installed", shell)
			}
			var b strings.Builder
			if err := run([]string{"completion", shell}, &b, io.Discard); err != nil {
				t.Fatal(err)
			}
			f := filepath.Join(t.TempDir(), "script")
			os.WriteFile(f, []byte(b.String()), 0o600)
			if out, err := exec.Command(shell, "-n", f).CombinedOutput(); err != nil {
				t.Fatalf("%s -n: %v\n%s", shell, err, out)
			}
		})
	}
}
