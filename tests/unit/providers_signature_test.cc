// Vendor signing helpers, checked against published vectors: RFC 2202 / RFC 4231 / FIPS 180-2 for
// the primitives, the worked examples of Alibaba Cloud's RPC signature doc (ECS DescribeRegions)
// and SMS HTTP-protocol doc (SendSms), and Tencent Cloud's "Signature v3" doc (CVM
// DescribeInstances, X-TC-Timestamp 1551113065).
#include <gtest/gtest.h>

#include <cctype>
#include <map>
#include <string>
#include <vector>

#include "common/providers/aliyun_signature.h"
#include "common/providers/crypto.h"
#include "common/providers/tencent_signature.h"

namespace careloop::providers {
namespace {

// ---- primitives ----------------------------------------------------------------------------

TEST(Crypto, Sha256MatchesFips180Vectors) {
  EXPECT_EQ(HexEncode(Sha256("abc")), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(HexEncode(Sha256("")), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST(Crypto, HmacSha1MatchesRfc2202Vectors) {
  EXPECT_EQ(HexEncode(HmacSha1(std::string(20, '\x0b'), "Hi There")), "b617318655057264e28bc0b6fb378c8ef146be00");
  EXPECT_EQ(HexEncode(HmacSha1("Jefe", "what do ya want for nothing?")), "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79");
}

TEST(Crypto, HmacSha256MatchesRfc4231Vectors) {
  EXPECT_EQ(HexEncode(HmacSha256(std::string(20, '\x0b'), "Hi There")),
            "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
  EXPECT_EQ(HexEncode(HmacSha256("Jefe", "what do ya want for nothing?")),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

TEST(Crypto, Base64MatchesRfc4648Vectors) {
  EXPECT_EQ(Base64Encode(""), "");
  EXPECT_EQ(Base64Encode("f"), "Zg==");
  EXPECT_EQ(Base64Encode("fo"), "Zm8=");
  EXPECT_EQ(Base64Encode("foobar"), "Zm9vYmFy");
}

TEST(Crypto, HexEncodeIsLowercaseAndKeepsEveryByte) {
  EXPECT_EQ(HexEncode(std::string("\x00\xff\x10", 3)), "00ff10");
}

TEST(Crypto, ConstantTimeEqualsComparesContentAndLength) {
  EXPECT_TRUE(ConstantTimeEquals("abc", "abc"));
  EXPECT_TRUE(ConstantTimeEquals("", ""));
  EXPECT_FALSE(ConstantTimeEquals("abc", "abd"));
  EXPECT_FALSE(ConstantTimeEquals("abc", "abcd"));
}

TEST(Crypto, RandomHexHasRequestedLengthAndVaries) {
  const std::string a = RandomHex(16);
  EXPECT_EQ(a.size(), 32U);
  EXPECT_EQ(a.find_first_not_of("0123456789abcdef"), std::string::npos);
  EXPECT_NE(a, RandomHex(16));
}

TEST(Crypto, UtcFormattingIgnoresLocalTimeZone) {
  // 1551113065 is 2019-02-26 00:44:25 in UTC+8 but still the 25th in UTC.
  EXPECT_EQ(FormatUtcDate(1551113065), "2019-02-25");
  EXPECT_EQ(FormatUtcIso8601(1551113065), "2019-02-25T16:44:25Z");
  EXPECT_EQ(FormatUtcIso8601(0), "1970-01-01T00:00:00Z");
}

// ---- Aliyun --------------------------------------------------------------------------------

TEST(AliyunSignature, PercentEncodingFollowsRfc3986NotFormEncoding) {
  EXPECT_EQ(AliyunPercentEncode("a b"), "a%20b");
  EXPECT_EQ(AliyunPercentEncode("*"), "%2A");
  EXPECT_EQ(AliyunPercentEncode("~-_.AZaz09"), "~-_.AZaz09");
  EXPECT_EQ(AliyunPercentEncode("/=&+:"), "%2F%3D%26%2B%3A");
  EXPECT_EQ(AliyunPercentEncode("星途"), "%E6%98%9F%E9%80%94");
  EXPECT_EQ(AliyunPercentEncode("{\"a\":\"1\"}"), "%7B%22a%22%3A%221%22%7D");
}

TEST(AliyunSignature, CanonicalQueryIsSortedAndExcludesSignature) {
  const std::map<std::string, std::string> params = {{"b", "2"}, {"Signature", "ignored"}, {"a", "x y"}, {"C", "3"}};
  // Byte order: uppercase before lowercase.
  EXPECT_EQ(AliyunCanonicalQuery(params), "C=3&a=x%20y&b=2");
}

std::map<std::string, std::string> DescribeRegionsExample() {
  return {{"AccessKeyId", "testid"},
          {"Action", "DescribeRegions"},
          {"Format", "XML"},
          {"SignatureMethod", "HMAC-SHA1"},
          {"SignatureNonce", "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf"},
          {"SignatureVersion", "1.0"},
          {"Timestamp", "2016-02-23T12:46:24Z"},
          {"Version", "2014-05-26"}};
}

TEST(AliyunSignature, MatchesPublishedDescribeRegionsExample) {
  const auto params = DescribeRegionsExample();
  EXPECT_EQ(AliyunStringToSign("GET", params),
            "GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeRegions%26Format%3DXML"
            "%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-"
            "4e0ad82fd6cf%26SignatureVersion%3D1.0%26Timestamp%3D2016-02-23T12%253A46"
            "%253A24Z%26Version%3D2014-05-26");
  EXPECT_EQ(AliyunSign("GET", params, "testsecret"), "OLeaidS1JvxuMvnyHOwuJ+uX5qY=");
}

TEST(AliyunSignature, MatchesPublishedSendSmsExampleWithChineseSignName) {
  const std::map<std::string, std::string> params = {{"AccessKeyId", "testId"},
                                                     {"Action", "SendSms"},
                                                     {"Format", "XML"},
                                                     {"OutId", "123"},
                                                     {"PhoneNumbers", "15300000001"},
                                                     {"RegionId", "cn-hangzhou"},
                                                     {"SignName", "阿里云短信测试专用"},
                                                     {"SignatureMethod", "HMAC-SHA1"},
                                                     {"SignatureNonce", "45e25e9b-0a6f-4070-8c85-2956eda1b466"},
                                                     {"SignatureVersion", "1.0"},
                                                     {"TemplateCode", "SMS_71390007"},
                                                     {"TemplateParam", "{\"customer\":\"test\"}"},
                                                     {"Timestamp", "2017-07-12T02:42:19Z"},
                                                     {"Version", "2017-05-25"}};
  EXPECT_EQ(AliyunSign("GET", params, "testSecret"), "zJDF+Lrzhj/ThnlvIToysFRq6t4=");
}

TEST(AliyunSignature, ChangesWhenAnyParameterMethodOrSecretChanges) {
  const auto base = DescribeRegionsExample();
  const std::string reference = AliyunSign("GET", base, "testsecret");
  for (const auto& [key, value] : base) {
    auto changed = base;
    changed[key] = value + "x";
    EXPECT_NE(AliyunSign("GET", changed, "testsecret"), reference) << key;
  }
  auto added = base;
  added["PhoneNumbers"] = "13800000000";
  EXPECT_NE(AliyunSign("GET", added, "testsecret"), reference);
  EXPECT_NE(AliyunSign("POST", base, "testsecret"), reference);
  EXPECT_NE(AliyunSign("GET", base, "testsecreT"), reference);
}

TEST(AliyunSignature, VerifyAcceptsOwnSignatureAndRejectsTampering) {
  auto params = DescribeRegionsExample();
  EXPECT_FALSE(AliyunVerify("GET", params, "testsecret"));  // no Signature at all
  params["Signature"] = AliyunSign("GET", params, "testsecret");
  EXPECT_TRUE(AliyunVerify("GET", params, "testsecret"));
  EXPECT_FALSE(AliyunVerify("GET", params, "other"));
  EXPECT_FALSE(AliyunVerify("POST", params, "testsecret"));
  params["Action"] = "SendSms";
  EXPECT_FALSE(AliyunVerify("GET", params, "testsecret"));
}

// ---- Tencent -------------------------------------------------------------------------------

constexpr std::string_view kDocPayload =
    R"({"Limit": 1, "Filters": [{"Values": ["\u672a\u547d\u540d"], "Name": "instance-name"}]})";

TencentRequest DocRequest() {
  TencentRequest request;
  request.secret_id = "AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE";
  request.secret_key = "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE";
  request.service = "cvm";
  request.host = "cvm.tencentcloudapi.com";
  request.action = "DescribeInstances";
  request.version = "2017-03-12";
  request.region = "ap-guangzhou";
  request.timestamp = 1551113065;
  request.payload = kDocPayload;
  return request;
}

TEST(TencentSignature, ReproducesPublishedIntermediateValues) {
  EXPECT_EQ(HexEncode(Sha256(kDocPayload)), "35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064");
  const std::string canonical = Tc3CanonicalRequest(
      "POST", "/", "", {{"content-type", "application/json; charset=utf-8"}, {"host", "cvm.tencentcloudapi.com"}},
      kDocPayload);
  EXPECT_EQ(canonical,
            "POST\n/\n\ncontent-type:application/json; charset=utf-8\n"
            "host:cvm.tencentcloudapi.com\n\ncontent-type;host\n"
            "35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064");
  EXPECT_EQ(Tc3StringToSign(1551113065, "cvm", canonical),
            "TC3-HMAC-SHA256\n1551113065\n2019-02-25/cvm/tc3_request\n"
            "5ffe6a04c0664d6b969fab9a13bdab201d63ee709638e2749d62a09ca18d7031");
}

TEST(TencentSignature, MatchesPublishedAuthorization) {
  EXPECT_EQ(TencentAuthorization(DocRequest()),
            "TC3-HMAC-SHA256 Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE/2019-02-25/cvm/"
            "tc3_request, SignedHeaders=content-type;host, "
            "Signature=72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168");
}

TEST(TencentSignature, SignedHeadersCarryEveryCommonHeader) {
  const TencentHeaders headers = TencentSignedHeaders(DocRequest());
  const std::map<std::string, std::string> by_name(headers.begin(), headers.end());
  EXPECT_EQ(by_name.at("X-TC-Action"), "DescribeInstances");
  EXPECT_EQ(by_name.at("X-TC-Version"), "2017-03-12");
  EXPECT_EQ(by_name.at("X-TC-Timestamp"), "1551113065");
  EXPECT_EQ(by_name.at("X-TC-Region"), "ap-guangzhou");
  EXPECT_EQ(by_name.at("Host"), "cvm.tencentcloudapi.com");
  EXPECT_EQ(by_name.at("Content-Type"), "application/json; charset=utf-8");
  EXPECT_EQ(by_name.at("Authorization"), TencentAuthorization(DocRequest()));
}

TEST(TencentSignature, ChangesWithPayloadKeyHostAndTimestamp) {
  const std::string reference = TencentAuthorization(DocRequest());
  auto request = DocRequest();
  request.payload = R"({"Limit": 2})";
  EXPECT_NE(TencentAuthorization(request), reference);
  request = DocRequest();
  request.secret_key = "another";
  EXPECT_NE(TencentAuthorization(request), reference);
  request = DocRequest();
  request.host = "sms.tencentcloudapi.com";
  EXPECT_NE(TencentAuthorization(request), reference);
  request = DocRequest();
  request.timestamp += 1;
  EXPECT_NE(TencentAuthorization(request), reference);
}

TEST(TencentSignature, ParsesAuthorizationHeader) {
  const auto parsed = ParseTc3Authorization(TencentAuthorization(DocRequest()));
  ASSERT_TRUE(parsed.has_value());
  EXPECT_EQ(parsed->secret_id, "AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE");
  EXPECT_EQ(parsed->date, "2019-02-25");
  EXPECT_EQ(parsed->service, "cvm");
  EXPECT_EQ(parsed->signed_headers, (std::vector<std::string>{"content-type", "host"}));
  EXPECT_EQ(parsed->signature, "72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168");
  EXPECT_FALSE(ParseTc3Authorization("HMAC-SHA256 Credential=a/b/c/tc3_request").has_value());
  EXPECT_FALSE(ParseTc3Authorization("TC3-HMAC-SHA256 Credential=a/b/c/tc3_request").has_value());
  EXPECT_FALSE(ParseTc3Authorization("TC3-HMAC-SHA256 Credential=a/b/c/x, SignedHeaders=host, "
                                     "Signature=00")
                   .has_value());
}

std::map<std::string, std::string> LowercaseHeaders(const TencentHeaders& headers) {
  std::map<std::string, std::string> out;
  for (const auto& [name, value] : headers) {
    std::string lower;
    for (const char c : name) {
      lower.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    }
    out[lower] = value;
  }
  return out;
}

TEST(TencentSignature, VerifierAcceptsSignedRequestAndNamesEachFailure) {
  const auto request = DocRequest();
  auto headers = LowercaseHeaders(TencentSignedHeaders(request));
  Tc3IncomingRequest incoming;
  incoming.http_method = "POST";
  incoming.headers = &headers;
  incoming.payload = kDocPayload;
  const auto verify = [&](std::string_view id, std::string_view key) {
    return VerifyTc3Request(incoming, "cvm", id, key);
  };
  EXPECT_EQ(verify(request.secret_id, request.secret_key), Tc3Verdict::kOk);
  EXPECT_EQ(verify(request.secret_id, "wrong"), Tc3Verdict::kSignatureMismatch);
  EXPECT_EQ(verify("AKIDother", request.secret_key), Tc3Verdict::kUnknownSecretId);
  EXPECT_EQ(VerifyTc3Request(incoming, "sms", request.secret_id, request.secret_key), Tc3Verdict::kMalformed);

  incoming.payload = R"({"Limit": 2})";
  EXPECT_EQ(verify(request.secret_id, request.secret_key), Tc3Verdict::kSignatureMismatch);
  incoming.payload = kDocPayload;

  auto moved_clock = headers;
  moved_clock["x-tc-timestamp"] = "1551200000";  // another UTC day than the scope date
  incoming.headers = &moved_clock;
  EXPECT_EQ(verify(request.secret_id, request.secret_key), Tc3Verdict::kMalformed);

  auto no_auth = headers;
  no_auth.erase("authorization");
  incoming.headers = &no_auth;
  EXPECT_EQ(verify(request.secret_id, request.secret_key), Tc3Verdict::kMissingAuthorization);
}

}  // namespace
}  // namespace careloop::providers
