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
	"sync/atomic"
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
	if o, err := parseFlags(nil); err != nil || o.Profile != "prod" || o.Region != "cn-shanghai" {
		t.Errorf("BOM and CRLF: %+v, %v", o, err)
	}
	writeConfig(t, home, "# "+strings.Repeat("x", 70<<10)+"\nregion: cn-shanghai\n")
	if o, err := parseFlags(nil); err != nil || o.Region != "cn-shanghai" {
		t.Errorf("a 70 KB comment line: %+v, %v", o, err)
	}
	writeConfig(t, home, "region: cn-shanghai\nprofile: "+strings.Repeat("p", 70<<10)+"\n")
	if _, err := parseFlags(nil); err == nil || !strings.Contains(err.Error(), "config.yaml:2: profile: a profile name, not \"pppp") || len(err.Error()) > 200 {
		t.Errorf("a 70 KB value: %.300v", err)
	}
	writeConfig(t, home, strings.Repeat("# padding\n", 200<<10))
	if _, err := parseFlags(nil); err == nil || !strings.Contains(err.Error(), "config.yaml: larger than 1 MB") {
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
	o, err := parseFlags([]string{"--provider", "aws", "--region", "us-east-1"})
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

// A binary file where ~/.aws/config should be, or a line that is no
// key = value in ~/.alibabacloud/credentials, is named with its line at
// once: before, the first was read as "no credentials" after a 3 s
// metadata wait and the second as "error … run the check again".
func TestFilesTheCLIsWouldRefuseAreNamedWithTheirLine(t *testing.T) {
	home := isolate(t)
	isolateAWSHome(t, home)
	os.MkdirAll(filepath.Join(home, ".aws"), 0o700)
	os.WriteFile(filepath.Join(home, ".aws", "config"), []byte("[default]\nregion = us-east-1\n\x7fELF\x02\x01\x01\x00\x00"), 0o600)
	err := run([]string{"--provider", "aws"}, &bytes.Buffer{}, &bytes.Buffer{})
	if err == nil || !strings.Contains(err.Error(), "~/.aws/config:3: not a text file") {
		t.Errorf("a binary ~/.aws/config: %v", err)
	}
	os.MkdirAll(filepath.Join(home, ".alibabacloud"), 0o700)
	os.WriteFile(filepath.Join(home, ".alibabacloud", "credentials"), []byte("[default]\ntype = access_key\naccess_key_id LTAIEXAMPLE\n"), 0o600)
	err = run([]string{"--region", "cn-hangzhou"}, &bytes.Buffer{}, &bytes.Buffer{})
	if err == nil || !strings.Contains(err.Error(), "~/.alibabacloud/credentials:3:") || !strings.Contains(err.Error(), "is not `key = value`") {
		t.Errorf("a line without = in ~/.alibabacloud/credentials: %v", err)
	}
	// What the CLIs accept stays accepted: comments, "key: value", an
	// indented continuation (the AWS CLI's nested s3 settings).
	os.WriteFile(filepath.Join(home, ".aws", "config"), []byte("; mine\n[default]\nregion: us-east-1\ns3 =\n  addressing_style = path\n\n# end\n"), 0o600)
	if err := checkAWSFiles(); err != nil {
		t.Errorf("a file the AWS CLI reads: %v", err)
	}
}

// vpnscope config shows settings and dials nothing: with no credentials
// it does not ask the ECS metadata service (a run does, briefly).
func TestConfigDoesNotAskTheMetadataService(t *testing.T) {
	isolate(t)
	os.Unsetenv("ALIBABA_CLOUD_ECS_METADATA_DISABLED")
	var asked atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { asked.Add(1) }))
	defer srv.Close()
	defer func(url string) { metadataURL = url }(metadataURL)
	metadataURL = srv.URL
	var out bytes.Buffer
	if err := run([]string{"config"}, &out, &bytes.Buffer{}); err != nil {
		t.Fatal(err)
	}
	if n := asked.Load(); n != 0 {
		t.Errorf("vpnscope config asked the metadata service %d times", n)
	}
	if !regexpLine(out.String(), `credentials +none found +no env keys, aliyun CLI profile or credentials file; an ECS instance's RAM role would serve \(not asked`) {
		t.Errorf("vpnscope config:\n%s", out.String())
	}
	// A run does ask: the test would see it.
	run([]string{"--region", "cn-hangzhou"}, &bytes.Buffer{}, &bytes.Buffer{})
	if asked.Load() == 0 {
		t.Error("a run did not ask the metadata service: this test proves nothing")
	}
}

// A metadata endpoint moved to another machine in clear is refused, and
// the message names the variable that moved it, not STS or SSO.
func TestARefusedMetadataEndpointIsNamed(t *testing.T) {
	home := isolate(t)
	isolateAWSHome(t, home)
	t.Setenv("AWS_EC2_METADATA_DISABLED", "false")
	// .invalid never resolves: were the rule broken, nothing leaves.
	t.Setenv("AWS_EC2_METADATA_SERVICE_ENDPOINT", "http://imds.invalid/")
	err := run([]string{"--provider", "aws", "--region", "us-east-1"}, &bytes.Buffer{}, &bytes.Buffer{})
	if err == nil || !strings.Contains(err.Error(), "over plain http to imds.invalid (from AWS_EC2_METADATA_SERVICE_ENDPOINT)") {
		t.Errorf("want the variable named, got %v", err)
	}
}
