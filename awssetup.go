package main

import (
	awstui "github.com/vpnscope/vpnscope/tui/aws"

	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"strings"
	"time"

	awssdk "github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/smithy-go/logging"
	"github.com/aws/smithy-go/middleware"
	"github.com/vpnscope/vpnscope/api"
	"github.com/vpnscope/vpnscope/api/aws/ec2client"
	awsemulator "github.com/vpnscope/vpnscope/api/aws/emulator"
	"github.com/vpnscope/vpnscope/tui"
)

// setupAWS resolves AWS credentials, region and endpoint the way AWS users
// expect (config.LoadDefaultConfig: env vars, ~/.aws/config and
// credentials, profiles, SSO, role assumption).
func setupAWS(ctx context.Context, o options, events *tui.Events, onCall func(api.CallRecord)) (cloud, error) {
	opts := ec2client.Options{ReadTimeout: o.readTimeout, OnRetry: events.Retry, OnCall: onCall}
	if err := checkAWSFiles(); err != nil {
		return cloud{}, err
	}
	if err := missingAWSProfile(o); err != nil {
		return cloud{}, err
	}
	sdk, err := loadAWSConfig(ctx, o)
	if err != nil {
		return cloud{}, fmt.Errorf("AWS configuration: %v", err)
	}
	if sdk.Region == "" {
		// vpnscope problems reads every region DescribeRegions returns, so
		// any region serves for that one call.
		sdk.Region = o.fallbackRegion
	}
	if sdk.Region == "" {
		return cloud{}, errors.New("no AWS region: pass --region (e.g. us-east-1), set AWS_REGION, or set region in the profile")
	}
	// A flag's or env var's region was checked already; the profile's was
	// not, and it goes into every URL and onto the screen.
	if err := checkValue("region", sdk.Region); err != nil {
		return cloud{}, fmt.Errorf("the AWS profile's region %s: want %v (check region in %s)", quoteShort(sdk.Region), err, tildePath(awsFiles()[0]))
	}
	// LoadDefaultConfig succeeds with no credentials at all: ask for them
	// now, briefly, and say what is missing.
	rctx, cancel := context.WithTimeout(ctx, 3*time.Second)
	creds, err := sdk.Credentials.Retrieve(rctx)
	cancel()
	var plain *api.PlainHTTPError
	if errors.As(err, &plain) {
		return cloud{}, fmt.Errorf("AWS credentials: refused to send a signed request over plain http to %s (from %s): use https://",
			api.Printable(plain.Host), credentialEndpointSource(plain.Host))
	}
	if err != nil {
		return cloud{}, fmt.Errorf("no usable AWS credentials (%s): set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, "+
			"pick a profile with --profile or AWS_PROFILE, or run `aws sso login`; or try `vpnscope --provider aws --demo`", shortCause(err))
	}
	opts.Endpoint = o.endpoint
	client := ec2client.New(sdk, opts)
	// Check the endpoints the SDK will actually use: besides the flag they
	// may come from AWS_ENDPOINT_URL(_EC2, _CLOUDWATCH_LOGS) or endpoint_url
	// in ~/.aws/config. (Each request is held to the rule too; this says
	// so before the first.)
	endpoint := client.Endpoint()
	if err := api.CheckEndpoint(endpoint); err != nil {
		return cloud{}, fmt.Errorf("%v (from %s)", err, awsEndpointSource(o.endpoint, "EC2"))
	}
	if err := api.CheckEndpoint(client.LogsEndpoint()); err != nil {
		return cloud{}, fmt.Errorf("CloudWatch Logs %v (from %s)", err, awsEndpointSource(o.endpoint, "CLOUDWATCH_LOGS"))
	}
	c := cloud{name: "aws", aws: client, source: awsCredentialSource(o.profile, creds.Source)}
	label := endpoint
	if label == "" {
		label = "https (region endpoint)"
	} else if api.IsPlainHTTP(endpoint) {
		c.warning = "plain HTTP endpoint: use it only with a local emulator or proxy"
	}
	if logs := client.LogsEndpoint(); logs != endpoint && logs != "" {
		label += " · logs " + logs
	}
	c.provider = awstui.NewProvider(client, sdk.Region, label)
	return c, nil
}

// loadAWSConfig reads the AWS configuration as a run uses it (env vars,
// ~/.aws files, the profile), without asking for credentials yet: setupAWS
// and vpnscope config share it, so config reports what a run would use.
func loadAWSConfig(ctx context.Context, o options) (awssdk.Config, error) {
	// The SDK's own log lines (WARN falling back to IMDSv1) would print
	// over the terminal before our message says what is wrong.
	load := []func(*config.LoadOptions) error{config.WithLogger(logging.Nop{}),
		config.WithAPIOptions([]func(*middleware.Stack) error{ec2client.GuardCredentialCalls}),
		config.WithHTTPClient(ec2client.CredentialHTTPClient())}
	if o.profile != "" {
		load = append(load, config.WithSharedConfigProfile(o.profile))
	}
	// As the AWS CLI: keys in the environment beat a profile that only
	// AWS_PROFILE names (the SDK alone would take the profile's), while
	// --profile or the config file's profile beats them.
	if keys := envAWSKeys(); keys.HasKeys() && o.profileEnv != "" {
		load = append(load, config.WithCredentialsProvider(credentials.StaticCredentialsProvider{Value: keys}))
	}
	if o.region != "" {
		load = append(load, config.WithRegion(o.region))
	}
	return config.LoadDefaultConfig(ctx, load...)
}

// missingAWSProfile refuses a named profile that neither shared file has,
// as the AWS CLI does ("The config profile (nope) could not be found"),
// keys in the environment or not: a mistyped AWS_PROFILE must not quietly
// run on other credentials. "default" may be absent: the SDK and the CLI
// then use the rest of the chain.
func missingAWSProfile(o options) error {
	if o.profile == "" || o.profile == "default" || len(awsProfileSections(o.profile)) > 0 {
		return nil
	}
	files := awsFiles()
	from, fix := "--profile", "check the name (`aws configure list-profiles` lists them)"
	if o.profileEnv != "" {
		from = o.profileEnv
		fix += ", or unset " + o.profileEnv
	}
	return fmt.Errorf("no AWS profile %s (from %s) in %s or %s: %s", quoteShort(o.profile), from,
		tildePath(files[0]), tildePath(files[1]), fix)
}

// envAWSKeys are the access keys in the environment, if both are set.
func envAWSKeys() awssdk.Credentials {
	return awssdk.Credentials{AccessKeyID: os.Getenv("AWS_ACCESS_KEY_ID"), SecretAccessKey: os.Getenv("AWS_SECRET_ACCESS_KEY"),
		SessionToken: os.Getenv("AWS_SESSION_TOKEN"), Source: "EnvConfigCredentials"}
}

// awsEndpointSource says where an endpoint came from, for the error that
// refuses it.
// service is the env var's suffix: EC2 or CLOUDWATCH_LOGS.
func awsEndpointSource(flag, service string) string {
	switch {
	case flag != "":
		return "--endpoint"
	case os.Getenv("AWS_ENDPOINT_URL_"+service) != "":
		return "AWS_ENDPOINT_URL_" + service
	case os.Getenv("AWS_ENDPOINT_URL") != "":
		return "AWS_ENDPOINT_URL"
	}
	return "endpoint_url in the AWS config file"
}

// credentialEndpointSource names the setting that sent the SDK's own
// credential calls to host: the metadata and container endpoints and the
// STS and SSO endpoints each have their variable; else a services section
// of the config file.
func credentialEndpointSource(host string) string {
	for _, env := range []string{"AWS_EC2_METADATA_SERVICE_ENDPOINT", "AWS_CONTAINER_CREDENTIALS_FULL_URI",
		"AWS_ENDPOINT_URL_STS", "AWS_ENDPOINT_URL_SSO", "AWS_ENDPOINT_URL_SSO_OIDC", "AWS_ENDPOINT_URL"} {
		if u, err := url.Parse(os.Getenv(env)); err == nil && u.Host != "" && strings.EqualFold(u.Host, host) {
			return env
		}
	}
	return "endpoint_url or a services section of " + tildePath(awsFiles()[0]) + ", or AWS_ENDPOINT_URL_STS or _SSO"
}

// awsCredentialSource says where credentials came from, never the key.
func awsCredentialSource(profile, source string) string {
	switch {
	case source == "EnvConfigCredentials" && os.Getenv("AWS_ACCESS_KEY_ID") != "":
		return "env"
	case profile != "":
		return "profile " + profile
	case os.Getenv("AWS_PROFILE") != "":
		return "profile " + os.Getenv("AWS_PROFILE")
	case source == "EnvConfigCredentials":
		return "env"
	case strings.HasPrefix(source, "SharedConfigCredentials"):
		return "~/.aws/credentials"
	case strings.Contains(source, "SSO"):
		return "sso"
	case source != "":
		return source
	}
	return "default chain"
}

// shortCause is the SDK's reason without its nested detail.
func shortCause(err error) string {
	msg := err.Error()
	if i := strings.Index(msg, ", "); i > 0 && len(msg) > 120 {
		msg = msg[:i]
	}
	if len(msg) > 160 {
		msg = msg[:160] + "…"
	}
	return msg
}

func firstSet(values ...string) string {
	for _, v := range values {
		if v != "" {
			return v
		}
	}
	return ""
}

// demoAWS runs AWS Client VPN on its emulator; region is where it starts.
func demoAWS(o options, region string, events *tui.Events, onCall func(api.CallRecord)) (cloud, func(), error) {
	emu, err := awsemulator.Start("127.0.0.1:0", awsemulator.Config{Latency: 60 * time.Millisecond, Churn: 20 * time.Second})
	if err != nil {
		return cloud{}, func() {}, fmt.Errorf("start the demo AWS emulator: %w", err)
	}
	sdk := awssdk.Config{Region: region,
		Credentials: credentials.NewStaticCredentialsProvider(awsemulator.DemoAccessKeyID, awsemulator.DemoSecretAccessKey, "")}
	client := ec2client.New(sdk, ec2client.Options{Endpoint: emu.URL, ReadTimeout: o.readTimeout, OnRetry: events.Retry, OnCall: onCall})
	return cloud{name: "aws", aws: client, source: "demo key", provider: awstui.NewProvider(client, region, emu.URL)},
		func() { emu.Close() }, nil
}
