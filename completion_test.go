package main

import (
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

// complete runs the bash completion function for a command line whose last
// word is being typed, and returns what bash would offer.
func completeBash(t *testing.T, words ...string) []string {
	t.Helper()
	script := `source <(vpnscope completion bash)
COMP_WORDS=(` + strings.Join(quoteAll(words), " ") + `)
COMP_CWORD=` + itoa(len(words)-1) + `
_vpnscope
printf '%s\n' "${COMPREPLY[@]}"`
	out, err := exec.Command("bash", "-c", script).CombinedOutput()
	if err != nil {
		t.Fatalf("bash: %v\n%s", err, out)
	}
	return strings.Fields(string(out))
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
		{[]string{"vpnscope", "completion", ""}, []string{"bash", "zsh", "fish"}, nil},
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
			if err := runCompletion([]string{shell}, &b); err != nil {
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
