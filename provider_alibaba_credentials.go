package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/auth"
	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/auth/credentials"
	"github.com/vpnscope/vpnscope/api/alibaba/emulator"
	"github.com/vpnscope/vpnscope/api/alibaba/vpcclient"
	"github.com/vpnscope/vpnscope/internal/localfile"
)

// The Alibaba Cloud credential chain, decided up front (the SDK would try
// each source on the first call, after the ECS metadata probe's timeout).

// resolved credentials: what to hand the SDK, and where they came from
// (shown in the status line; never the key itself).
type resolvedCredentials struct {
	credential    auth.Credential
	source        string
	profileRegion string
}

func demoCredential() auth.Credential {
	return credentials.NewStaticAKCredentialsProvider(emulator.DemoAccessKeyID, emulator.DemoAccessKeySecret)
}

// resolveCredentials follows the SDK's default chain, but decides up front
// whether any source exists, so a missing setup fails at once with advice
// instead of on the first call after the ECS metadata probe's timeout.
func resolveCredentials(profile string) (resolvedCredentials, error) {
	return resolveCredentialsProbing(profile, onECS)
}

// errECSNotAsked is what resolveCredentialsProbing says when only the ECS
// metadata service is left and it was told not to ask it.
var errECSNotAsked = errors.New("no env keys, aliyun CLI profile or credentials file; " +
	"an ECS instance's RAM role would serve (not asked: vpnscope config makes no network call)")

// resolveCredentialsProbing is resolveCredentials with the ECS probe given:
// vpnscope config passes nil, since a command that shows settings dials
// nothing.
func resolveCredentialsProbing(profile string, onECS func() bool) (resolvedCredentials, error) {
	if profile == "" {
		profile = os.Getenv("ALIBABA_CLOUD_PROFILE")
	}
	if profile == "" && os.Getenv("ALIBABA_CLOUD_ACCESS_KEY_ID") != "" && os.Getenv("ALIBABA_CLOUD_ACCESS_KEY_SECRET") != "" {
		return resolvedCredentials{credential: credentials.NewDefaultCredentialsProvider(), source: "env"}, nil
	}
	cfgPath := cliConfigPath()
	if err := checkCLIConfig(cfgPath); err != nil {
		return resolvedCredentials{}, err
	}
	if p, ok := readCLIProfile(cfgPath, profile); ok {
		if !supportedMode(p.Mode) {
			return resolvedCredentials{}, fmt.Errorf("aliyun CLI profile %q uses mode %q, which vpnscope does not support (supported: AK, StsToken, RamRoleArn, EcsRamRole, ChainableRamRoleArn, OIDC)", p.Name, p.Mode)
		}
		prov := credentials.NewCLIProfileCredentialsProviderBuilder().WithProfileName(p.Name).Build()
		return resolvedCredentials{credential: prov, source: "profile " + p.Name, profileRegion: p.RegionID}, nil
	}
	if profile != "" {
		return resolvedCredentials{}, fmt.Errorf("no aliyun CLI profile %q in %s (run `aliyun configure --profile %s`, or try --demo)", profile, localfile.Tilde(cfgPath), profile)
	}
	if uri := os.Getenv(vpcclient.CredentialsURIEnv); uri != "" && os.Getenv("ALIBABA_CLOUD_OIDC_TOKEN_FILE") == "" && os.Getenv("ALIBABA_CLOUD_ECS_METADATA") == "" {
		// Ours, not the SDK's: the plain-HTTP rule, a bounded answer, and
		// errors on no stdout (vpcclient.NewURICredentials).
		prov, err := vpcclient.NewURICredentials(uri)
		if err != nil {
			return resolvedCredentials{}, err
		}
		return resolvedCredentials{credential: prov, source: "env " + vpcclient.CredentialsURIEnv}, nil
	}
	for _, v := range []string{"ALIBABA_CLOUD_OIDC_TOKEN_FILE", "ALIBABA_CLOUD_ECS_METADATA"} {
		if os.Getenv(v) != "" {
			return resolvedCredentials{credential: credentials.NewDefaultCredentialsProvider(), source: "env " + v}, nil
		}
	}
	if f := alibabaCredentialsFile(); f.Path != "" {
		if _, err := os.Stat(f.Path); err == nil {
			// The SDK reads it on the first call: a pipe would hang there, a
			// broken header would be a wall of chain text.
			if err := f.Named(localfile.CheckINI(f.Path)); err != nil {
				return resolvedCredentials{}, err
			}
			return resolvedCredentials{credential: credentials.NewDefaultCredentialsProvider(), source: localfile.Tilde(f.Path)}, nil
		}
	}
	if os.Getenv("ALIBABA_CLOUD_ECS_METADATA_DISABLED") != "true" {
		if onECS == nil {
			return resolvedCredentials{}, errECSNotAsked
		}
		if onECS() {
			return resolvedCredentials{credential: credentials.NewDefaultCredentialsProvider(), source: "ECS RAM role"}, nil
		}
	}
	return resolvedCredentials{}, fmt.Errorf("no Alibaba Cloud credentials found: set ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET, or run `aliyun configure` (then --profile NAME); or try `vpnscope --demo`, which needs none")
}

// alibabaCredentialsFile is the SDK's credentials file:
// ALIBABA_CLOUD_CREDENTIALS_FILE, else ~/.alibabacloud/credentials.
func alibabaCredentialsFile() localfile.File {
	home, err := os.UserHomeDir()
	if err != nil || home == "" {
		return localfile.FromEnv("ALIBABA_CLOUD_CREDENTIALS_FILE", "")
	}
	return localfile.FromEnv("ALIBABA_CLOUD_CREDENTIALS_FILE", filepath.Join(home, ".alibabacloud", "credentials"))
}

func supportedMode(mode string) bool {
	switch mode {
	case "", "AK", "StsToken", "RamRoleArn", "EcsRamRole", "ChainableRamRoleArn", "OIDC":
		return true
	}
	return false
}

type cliProfile struct {
	Name     string `json:"name"`
	Mode     string `json:"mode"`
	RegionID string `json:"region_id"`
}

func cliConfigPath() string {
	home, _ := os.UserHomeDir()
	return filepath.Join(home, ".aliyun", "config.json")
}

// readCLIProfile reads the aliyun CLI config: the named profile, else the
// current one. The SDK's provider ignores region_id, so we read it here.
func readCLIProfile(path, name string) (cliProfile, bool) {
	b, err := localfile.Read(path, 4<<20)
	if err != nil {
		return cliProfile{}, false
	}
	var cfg struct {
		Current  string       `json:"current"`
		Profiles []cliProfile `json:"profiles"`
	}
	if json.Unmarshal(b, &cfg) != nil {
		return cliProfile{}, false
	}
	if name == "" {
		name = cfg.Current
	}
	for _, p := range cfg.Profiles {
		if p.Name == name {
			return p, true
		}
	}
	return cliProfile{}, false
}

func resolveRegion(flagRegion, profileRegion, fallback string) (string, error) {
	for _, r := range []string{flagRegion, os.Getenv("ALIBABA_CLOUD_REGION_ID"), profileRegion, fallback} {
		if r != "" {
			return r, nil
		}
	}
	return "", fmt.Errorf("no region: pass --region (e.g. cn-hangzhou), set ALIBABA_CLOUD_REGION_ID, or set region_id in the aliyun CLI profile")
}

// onECS asks the metadata service, briefly: on ECS it answers in
// milliseconds with the instance id; elsewhere we give up fast rather than
// stall start-up. Something else answering on that address (a proxy, a
// sandbox) does not count: it must name an instance.
func onECS() bool {
	return ecsInstanceID(metadataURL, 300*time.Millisecond) != ""
}

// metadataURL is ECS's instance metadata service (a variable for tests,
// which must see whether it was asked).
var metadataURL = "http://100.100.100.200/latest/meta-data/instance-id"

func ecsInstanceID(url string, timeout time.Duration) string {
	client := &http.Client{Timeout: timeout}
	resp, err := client.Get(url)
	if err != nil {
		return ""
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 128))
	id := strings.TrimSpace(string(body))
	if resp.StatusCode != http.StatusOK || !strings.HasPrefix(id, "i-") {
		return ""
	}
	return id
}
