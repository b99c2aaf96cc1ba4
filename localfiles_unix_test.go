//go:build unix

package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// A named pipe where a file should be is refused at once; opening it
// would block start-up until someone wrote to it.
func TestNamedPipesDoNotHang(t *testing.T) {
	home := isolate(t)
	isolateAWSHome(t, home)
	for _, c := range []struct {
		path string
		args []string
	}{
		{filepath.Join(home, ".config", "vpnscope", "config.yaml"), []string{"--demo"}},
		{filepath.Join(home, ".aliyun", "config.json"), []string{"--region", "cn-hangzhou"}},
		{filepath.Join(home, ".aws", "config"), []string{"--provider", "aws", "--region", "us-east-1"}},
		{filepath.Join(home, ".aws", "credentials"), []string{"--provider", "aws", "--region", "us-east-1"}},
		{filepath.Join(home, ".alibabacloud", "credentials"), []string{"--region", "cn-hangzhou"}},
	} {
		os.MkdirAll(filepath.Dir(c.path), 0o700)
		if err := syscall.Mkfifo(c.path, 0o600); err != nil {
			t.Fatal(err)
		}
		done := make(chan error, 1)
		go func() { done <- run(c.args, &bytes.Buffer{}, &bytes.Buffer{}) }()
		select {
		case err := <-done:
			if err == nil || !strings.Contains(err.Error(), "not a regular file (a named pipe)") || !strings.Contains(err.Error(), filepath.Base(c.path)) {
				t.Errorf("%s: %v", c.path, err)
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("%s: start-up hangs on a named pipe", c.path)
		}
		os.Remove(c.path)
	}
}
