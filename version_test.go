package main

import (
	"runtime/debug"
	"testing"
)

func TestVersionStringFromBuildInfo(t *testing.T) {
	vcs := func(kv ...string) []debug.BuildSetting {
		var s []debug.BuildSetting
		for i := 0; i < len(kv); i += 2 {
			s = append(s, debug.BuildSetting{Key: kv[i], Value: kv[i+1]})
		}
		return s
	}
	cases := []struct {
		name, ldflags string
		info          debug.BuildInfo
		want          string
	}{
		{"go install @v1.2.0", "", debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "v1.2.0"}},
			"vpnscope v1.2.0 (go1.26.8)"},
		{"go install @latest of a commit", "", debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "v0.0.0-20261122214110-8d92742bb742"}},
			"vpnscope v0.0.0-20261122214110-8d92742bb742 (commit 8d92742bb742, go1.26.8)"},
		{"go build in a checkout", "", debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "(devel)"},
			Settings: vcs("vcs.revision", "8d92742bb74272c2b3c16c79ee01d4fd9dcff44a", "vcs.time", "2026-11-22T21:41:10Z", "vcs.modified", "true")},
			"vpnscope dev (commit 8d92742bb742-dirty, 2026-11-22T21:41:10Z, go1.26.8)"},
		{"release script with VERSION", "v1.3.0", debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "(devel)"},
			Settings: vcs("vcs.revision", "8d92742bb74272c2b3c16c79ee01d4fd9dcff44a")},
			"vpnscope v1.3.0 (commit 8d92742bb742, go1.26.8)"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			defer func() { commit, commitDate = "", "" }()
			old := version
			version = c.ldflags
			defer func() { version = old }()
			if got := versionString(&c.info, true); got != c.want {
				t.Errorf("got  %q\nwant %q", got, c.want)
			}
		})
	}
	// goreleaser stamps the commit: a build without VCS info still names it.
	commit, commitDate = "8d92742bb74272c2b3c16c79ee01d4fd9dcff44a", "2026-11-22T21:41:10Z"
	version = "v1.4.0"
	got := versionString(&debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "(devel)"}}, true)
	commit, commitDate, version = "", "", ""
	if want := "vpnscope v1.4.0 (commit 8d92742bb742, 2026-11-22T21:41:10Z, go1.26.8)"; got != want {
		t.Errorf("stamped by a release: %q, want %q", got, want)
	}
	if got := versionString(nil, false); got != "vpnscope dev" {
		t.Errorf("without build info: %q", got)
	}
}
