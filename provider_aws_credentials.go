package main

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"strings"
	"time"

	awssdk "github.com/aws/aws-sdk-go-v2/aws"
	awsconfig "github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/smithy-go/logging"
	"github.com/aws/smithy-go/middleware"
	"github.com/vpnscope/vpnscope/api"
	"github.com/vpnscope/vpnscope/api/aws/ec2client"
	"github.com/vpnscope/vpnscope/internal/config"
	"github.com/vpnscope/vpnscope/internal/localfile"
)

// setupAWS resolves AWS credentials, region and endpoint the way AWS users
// expect (config.LoadDefaultConfig: env vars, ~/.aws/config and
// credentials, profiles, SSO, role assumption).
func setupAWS(ctx context.Context, o options, h hooks) (cloud, error) {
	opts := ec2client.Options{ReadTimeout: o.ReadTimeout, OnRetry: h.events.Retry, OnCall: h.onCall}
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
		sdk.Region = o.FallbackRegion
	}
	if sdk.Region == "" {
		return cloud{}, errors.New("no AWS region: pass --region (e.g. us-east-1), set AWS_REGION, or set region in the profile")
	}
	// A flag's or env var's region was checked already; the profile's was
	// not, and it goes into every URL and onto the screen.
	if err := config.CheckValue("region", sdk.Region, providerSettings()); err != nil {
		return cloud{}, fmt.Errorf("the AWS profile's region %s: want %v (check region in %s)", localfile.QuoteShort(sdk.Region), err, localfile.Tilde(awsFiles()[0]))
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
	opts.Endpoint = o.Endpoint
	client := ec2client.New(sdk, opts)
	// Check the endpoints the SDK will actually use: besides the flag they
	// may come from AWS_ENDPOINT_URL(_EC2, _CLOUDWATCH_LOGS) or endpoint_url
	// in ~/.aws/config. (Each request is held to the rule too; this says
	// so before the first.)
	endpoint := client.Endpoint()
	if err := api.CheckEndpoint(endpoint); err != nil {
		return cloud{}, fmt.Errorf("%v (from %s)", err, awsEndpointSource(o.Endpoint, "EC2"))
	}
	if err := api.CheckEndpoint(client.LogsEndpoint()); err != nil {
		return cloud{}, fmt.Errorf("CloudWatch Logs %v (from %s)", err, awsEndpointSource(o.Endpoint, "CLOUDWATCH_LOGS"))
	}
	source := awsCredentialSource(o.Profile, creds.Source)
	label, warning := endpointLabel(endpoint)
	if logs := client.LogsEndpoint(); logs != endpoint && logs != "" {
		label += " · logs " + logs
	}
	c := awsCloud{}.cloud(client, sdk.Region, label, source, warning)
	if c.accountID, err = awsAccountID(ctx, client); err != nil {
		c.warning = addWarning(c.warning, "account id unknown ("+api.Printable(shortCause(err))+")")
	}
	return c, nil
}

// awsAccountID asks STS once which account the credentials are in (it
// needs no permission). Not knowing is not fatal: the account is then its
// profile's name alone. The STS endpoint is held to the endpoint rules of
// the EC2 calls (ec2client's identity.go).
func awsAccountID(ctx context.Context, client *ec2client.Client) (string, error) {
	if err := api.CheckEndpoint(client.STSEndpoint()); err != nil {
		return "", fmt.Errorf("STS %v", err)
	}
	ctx, cancel := context.WithTimeout(ctx, 3*time.Second)
	defer cancel()
	return client.AccountID(ctx)
}

// loadAWSConfig reads the AWS configuration as a run uses it (env vars,
// ~/.aws files, the profile), without asking for credentials yet: setupAWS
// and vpnscope config share it, so config reports what a run would use.
func loadAWSConfig(ctx context.Context, o options) (awssdk.Config, error) {
	// The SDK's own log lines (WARN falling back to IMDSv1) would print
	// over the terminal before our message says what is wrong.
	load := []func(*awsconfig.LoadOptions) error{awsconfig.WithLogger(logging.Nop{}),
		awsconfig.WithAPIOptions([]func(*middleware.Stack) error{ec2client.GuardCredentialCalls}),
		awsconfig.WithHTTPClient(ec2client.CredentialHTTPClient())}
	if o.Profile != "" {
		load = append(load, awsconfig.WithSharedConfigProfile(o.Profile))
	}
	// As the AWS CLI: keys in the environment beat a profile that only
	// AWS_PROFILE names (the SDK alone would take the profile's), while
	// --profile or the config file's profile beats them (AWS CLI user
	// guide, cli-configure-envvars.html and cli-configure-quickstart.html,
	// "Configuration settings and precedence": command line options, then
	// environment variables, then the files).
	if keys := envAWSKeys(); keys.HasKeys() && o.ProfileEnv != "" {
		load = append(load, awsconfig.WithCredentialsProvider(credentials.StaticCredentialsProvider{Value: keys}))
	}
	if o.Region != "" {
		load = append(load, awsconfig.WithRegion(o.Region))
	}
	return awsconfig.LoadDefaultConfig(ctx, load...)
}

// missingAWSProfile refuses a named profile that neither shared file has,
// as the AWS CLI does ("The config profile (nope) could not be found":
// botocore's ProfileNotFound),
// keys in the environment or not: a mistyped AWS_PROFILE must not quietly
// run on other credentials. "default" may be absent: the SDK and the CLI
// then use the rest of the chain.
func missingAWSProfile(o options) error {
	if o.Profile == "" || o.Profile == "default" || len(awsProfileSections(o.Profile)) > 0 {
		return nil
	}
	files := awsFiles()
	from, fix := "--profile", "check the name (`aws configure list-profiles` lists them)"
	if o.ProfileEnv != "" {
		from = o.ProfileEnv
		fix += ", or unset " + o.ProfileEnv
	}
	return fmt.Errorf("no AWS profile %s (from %s) in %s or %s: %s", localfile.QuoteShort(o.Profile), from,
		localfile.Tilde(files[0]), localfile.Tilde(files[1]), fix)
}

// envAWSKeys are the access keys in the environment, if both are set.
func envAWSKeys() awssdk.Credentials {
	return awssdk.Credentials{AccessKeyID: os.Getenv("AWS_ACCESS_KEY_ID"), SecretAccessKey: os.Getenv("AWS_SECRET_ACCESS_KEY"),
		SessionToken: os.Getenv("AWS_SESSION_TOKEN"), Source: awsconfig.CredentialsSourceName}
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
	return "endpoint_url or a services section of " + localfile.Tilde(awsFiles()[0]) + ", or AWS_ENDPOINT_URL_STS or _SSO"
}

// awsCredentialSource says where credentials came from, never the key.
func awsCredentialSource(profile, source string) string {
	switch {
	case source == awsconfig.CredentialsSourceName && os.Getenv("AWS_ACCESS_KEY_ID") != "":
		return "env"
	case profile != "":
		return "profile " + profile
	case os.Getenv("AWS_PROFILE") != "":
		return "profile " + os.Getenv("AWS_PROFILE")
	case source == awsconfig.CredentialsSourceName:
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
