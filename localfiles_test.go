package main

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A broken file is named with where it is broken, in one line.
func TestBrokenLocalFilesAreNamed(t *testing.T) {
	home := isolate(t)
	isolateAWSHome(t, home)
	os.MkdirAll(filepath.Join(home, ".aliyun"), 0o700)
	os.MkdirAll(filepath.Join(home, ".aws"), 0o700)
	aliyun := filepath.Join(home, ".aliyun", "config.json")
	os.WriteFile(aliyun, []byte("{\n  \"current\": \"prod\",\n  \"profiles\": [\n    {\"name\": \"prod\", \"mode\": \"AK\", \"access_key_id\": \"LTAI"), 0o600)
	for _, args := range [][]string{{"--region", "cn-hangzhou"}, {"--profile", "prod"}} {
		err := run(args, &bytes.Buffer{}, &bytes.Buffer{})
		if err == nil || !strings.Contains(err.Error(), "~/.aliyun/config.json:4:") || !strings.Contains(err.Error(), "not valid JSON") ||
			strings.Contains(err.Error(), "\n") || strings.Contains(err.Error(), "LTAI") {
			t.Errorf("truncated config.json, %v: %v", args, err)
		}
	}
	// A byte-order mark, which Windows editors write: said as such.
	os.WriteFile(aliyun, []byte("\xEF\xBB\xBF{\"current\": \"prod\", \"profiles\": []}"), 0o600)
	if err := run([]string{"--region", "cn-hangzhou"}, &bytes.Buffer{}, &bytes.Buffer{}); err == nil ||
		!strings.Contains(err.Error(), "~/.aliyun/config.json: starts with a UTF-8 byte-order mark") {
		t.Errorf("a BOM in config.json: %v", err)
	}
	os.Remove(aliyun)
	// The SDK's own credentials file is checked as ~/.aws's are.
	os.MkdirAll(filepath.Join(home, ".alibabacloud"), 0o700)
	os.WriteFile(filepath.Join(home, ".alibabacloud", "credentials"), []byte("[default\ntype = access_key\n"), 0o600)
	if err := run([]string{"--region", "cn-hangzhou"}, &bytes.Buffer{}, &bytes.Buffer{}); err == nil ||
		!strings.Contains(err.Error(), `~/.alibabacloud/credentials:1: section header "[default" has no closing ]`) {
		t.Errorf("unterminated [default in ~/.alibabacloud/credentials: %v", err)
	}
	os.Remove(filepath.Join(home, ".alibabacloud", "credentials"))

	os.WriteFile(filepath.Join(home, ".aws", "config"), []byte("# mine\n[default\nregion = us-east-1\n"), 0o600)
	t.Setenv("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE")
	t.Setenv("AWS_SECRET_ACCESS_KEY", "secret")
	err := run([]string{"--provider", "aws"}, &bytes.Buffer{}, &bytes.Buffer{})
	if err == nil || !strings.Contains(err.Error(), `~/.aws/config:2: section header "[default" has no closing ]`) {
		t.Errorf("unterminated [default: %v", err)
	}
	// A long line is not an error in itself.
	os.WriteFile(filepath.Join(home, ".aws", "config"), []byte("[default]\n# "+strings.Repeat("x", 70<<10)+"\nregion = us-east-1\n"), 0o600)
	if err := checkAWSFiles(); err != nil {
		t.Errorf("a long comment line: %v", err)
	}
}

func TestConfigFileWithBOMAndLongLines(t *testing.T) {
	home := isolate(t)
	isolateAWSHome(t, home)
	writeConfig(t, home, "\xEF\xBB\xBFprofile: prod\r\nregion: cn-shanghai\r\n")
	if o, err := parseFlags(nil, nil); err != nil || o.profile != "prod" || o.region != "cn-shanghai" {
		t.Errorf("BOM and CRLF: %+v, %v", o, err)
	}
	writeConfig(t, home, "# "+strings.Repeat("x", 70<<10)+"\nregion: cn-shanghai\n")
	if o, err := parseFlags(nil, nil); err != nil || o.region != "cn-shanghai" {
		t.Errorf("a 70 KB comment line: %+v, %v", o, err)
	}
	writeConfig(t, home, "region: cn-shanghai\nprofile: "+strings.Repeat("p", 70<<10)+"\n")
	if _, err := parseFlags(nil, nil); err == nil || !strings.Contains(err.Error(), "config.yaml:2: profile: a profile name, not \"pppp") || len(err.Error()) > 200 {
		t.Errorf("a 70 KB value: %.300v", err)
	}
	writeConfig(t, home, strings.Repeat("# padding\n", 200<<10))
	if _, err := parseFlags(nil, nil); err == nil || !strings.Contains(err.Error(), "config.yaml: larger than 1 MB") {
		t.Errorf("a 2 MB file: %v", err)
	}
}

// The SDK's own "WARN falling back to IMDSv1" must not print over the
// terminal before our message.
func TestAWSSDKLogLinesAreNotPrinted(t *testing.T) {
	home := isolate(t)
	isolateAWSHome(t, home)
	imds := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { http.NotFound(w, nil) }))
	defer imds.Close()
	t.Setenv("AWS_EC2_METADATA_DISABLED", "false")
	t.Setenv("AWS_EC2_METADATA_SERVICE_ENDPOINT", imds.URL)

	r, w, _ := os.Pipe()
	stderr := os.Stderr
	os.Stderr = w
	o, err := parseFlags([]string{"--provider", "aws", "--region", "us-east-1"}, nil)
	if err == nil {
		_, _, err = setup(context.Background(), o)
	}
	os.Stderr = stderr
	w.Close()
	printed, _ := io.ReadAll(r)
	if err == nil || !strings.Contains(err.Error(), "no usable AWS credentials") {
		t.Fatalf("want the credentials message, got %v", err)
	}
	if len(printed) > 0 {
		t.Errorf("printed before our message: %q", printed)
	}
}
