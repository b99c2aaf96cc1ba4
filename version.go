package main

import (
	"cmp"
	"runtime/debug"
	"strings"
)

// version may be set at build time with -ldflags "-X main.version=v1.2.3";
// without it, the module version that `go install …@v1.2.3` records is used.
var version = ""

// commit and commitDate are stamped by releases (-X main.commit=…), which
// cannot count on the build recording VCS info (GOFLAGS=-buildvcs=false).
var commit, commitDate = "", ""

// versionString is what --version prints: the version, then the commit and
// its time when the build recorded them (go build in a checkout, or go
// install of a module version).
func versionString(info *debug.BuildInfo, ok bool) string {
	v := version
	if v == "" && ok && info.Main.Version != "" && info.Main.Version != "(devel)" {
		v = info.Main.Version
	}
	if v == "" {
		v = "dev"
	}
	if !ok {
		return "vpnscope " + v
	}
	var rev, at string
	dirty := false
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.time":
			at = s.Value
		case "vcs.modified":
			dirty = s.Value == "true"
		}
	}
	if commit != "none" { // what goreleaser stamps when it has no git state
		rev, at = cmp.Or(rev, commit), cmp.Or(at, commitDate)
	}
	if rev == "" {
		// go install of a module version: the pseudo-version carries the
		// commit (v0.0.0-20261122093000-abcdef123456).
		if i := strings.LastIndexByte(v, '-'); i > 0 && len(v)-i-1 == 12 {
			rev = v[i+1:]
		}
	}
	var extra []string
	if rev != "" {
		if len(rev) > 12 {
			rev = rev[:12]
		}
		if dirty {
			rev += "-dirty"
		}
		extra = append(extra, "commit "+rev)
	}
	if at != "" {
		extra = append(extra, at)
	}
	extra = append(extra, info.GoVersion)
	return "vpnscope " + v + " (" + strings.Join(extra, ", ") + ")"
}
