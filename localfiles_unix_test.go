//go:build unix

package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	awsemulator "github.com/vpnscope/vpnscope/api/aws/emulator"
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

// AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null with keys
// in the environment is the usual CI idiom; the AWS CLI and SDK read the
// null device as an empty file, and so does vpnscope: the scan runs, its
// JSON is whole, and vpnscope config finds the keys.
func TestTheNullDeviceReadsAsAnEmptyFile(t *testing.T) {
	isolate(t)
	isolateAWSHome(t, t.TempDir())
	t.Setenv("AWS_CONFIG_FILE", os.DevNull)
	t.Setenv("AWS_SHARED_CREDENTIALS_FILE", os.DevNull)
	t.Setenv("AWS_ACCESS_KEY_ID", awsemulator.DemoAccessKeyID)
	t.Setenv("AWS_SECRET_ACCESS_KEY", awsemulator.DemoSecretAccessKey)
	emu, err := awsemulator.Start("127.0.0.1:0", awsemulator.Config{})
	if err != nil {
		t.Fatal(err)
	}
	defer emu.Close()
	var out, errOut bytes.Buffer
	err = run([]string{"problems", "--no-journal", "--json", "--provider", "aws", "--region", "us-east-1", "--endpoint", emu.URL}, &out, &errOut)
	var ec exitCode
	if !errors.As(err, &ec) || ec.code != exitProblems || ec.err != nil {
		t.Fatalf("want exit 1 (the seeded problems), got %v\n%s", err, errOut.String())
	}
	var findings []map[string]any
	if err := json.Unmarshal(out.Bytes(), &findings); err != nil || len(findings) == 0 {
		t.Fatalf("want the findings as JSON, got %v:\n%s", err, out.String())
	}
	out.Reset()
	if err := run([]string{"config", "--provider", "aws"}, &out, &bytes.Buffer{}); err != nil {
		t.Fatal(err)
	}
	if !regexpLine(out.String(), `credentials +access key +env AWS_ACCESS_KEY_ID`) {
		t.Errorf("vpnscope config:\n%s", out.String())
	}
}

// A named pipe that a variable points at is refused at once, naming the
// variable, so the user knows what to change.
func TestARefusedFileNamesTheVariableThatPointedAtIt(t *testing.T) {
	home := isolate(t)
	isolateAWSHome(t, home)
	fifo := filepath.Join(t.TempDir(), "fifo")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv("AWS_ACCESS_KEY_ID", awsemulator.DemoAccessKeyID)
	t.Setenv("AWS_SECRET_ACCESS_KEY", awsemulator.DemoSecretAccessKey)
	for _, env := range []string{"AWS_CONFIG_FILE", "AWS_SHARED_CREDENTIALS_FILE", "ALIBABA_CLOUD_CREDENTIALS_FILE"} {
		t.Run(env, func(t *testing.T) {
			t.Setenv(env, fifo)
			args := []string{"--provider", "aws", "--region", "us-east-1"}
			if strings.HasPrefix(env, "ALIBABA") {
				args = []string{"--region", "cn-hangzhou"}
			}
			done := make(chan error, 1)
			go func() { done <- run(args, &bytes.Buffer{}, &bytes.Buffer{}) }()
			select {
			case err := <-done:
				if want := env + " names " + fifo + ": not a regular file (a named pipe)"; err == nil || !strings.Contains(err.Error(), want) {
					t.Errorf("want %q, got %v", want, err)
				}
			case <-time.After(10 * time.Second):
				t.Fatal("start-up hangs on a named pipe")
			}
		})
	}
}
