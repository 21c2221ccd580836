package dev.kube4c.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cel.bundle.Cel;
import dev.cel.common.CelValidationException;
import dev.cel.runtime.CelEvaluationException;
import dev.kube4c.policy.cel.CelEnvironment;
import dev.kube4c.policy.cel.CelEval;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each Kubernetes CEL library function against the behaviour the Kubernetes documentation describes
 * ("CEL in Kubernetes", the library reference), written as expression and the string form of its
 * result; errors by a part of their message.
 */
class KubernetesCelLibraryTest {

  private static final Cel CEL = CelEnvironment.cel();

  private static Object eval(String expression) throws Exception {
    return CelEval.eval(expression, Map.of());
  }

  @ParameterizedTest(name = "{0} == {1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      textBlock =
          """
          [1, 2, 3].isSorted()                     | true
          ['a', 'c', 'b'].isSorted()               | false
          [].isSorted()                            | true
          [1, 2, 3].sum()                          | 6
          [1.5, 2.5].sum()                         | 4.0
          dyn([1, 2, 3]).sum()                     | 6
          dyn([1, 2]).indexOf(2)                   | 1
          dyn('abc').indexOf('c')                  | 2
          dyn(['b', 'a']).max()                    | b
          string(dyn(ip('10.0.0.1')))              | 10.0.0.1
          string(dyn(cidr('10.0.0.0/8')))          | 10.0.0.0/8
          string(dyn(7))                           | 7
          [dyn('10.0.0.0/9')].exists(c, cidr('10.0.0.0/8').containsCIDR(c)) | true
          dyn(cidr('10.0.0.0/8')).containsIP(dyn('10.1.2.3'))                | true
          dyn(quantity('2')).isGreaterThan(dyn(quantity('1')))               | true
          dyn(semver('1.2.3')).isLessThan(dyn(semver('1.10.0')))             | true
          dyn(url('https://a.example/x')).getHost()                          | a.example
          dyn('a1b2').findAll('[0-9]')                                       | [1, 2]
          [].sum()                                 | 0
          [3, 1, 2].min()                          | 1
          ['b', 'a'].max()                         | b
          [1, 2, 2, 3].indexOf(2)                  | 1
          [1, 2, 2, 3].lastIndexOf(2)              | 2
          [1, 2].indexOf(9)                        | -1
          'abc'.indexOf('c')                       | 2
          'abc 123 def 456'.find('[0-9]+')          | 123
          'abc'.find('[0-9]+')                      | ''
          'abc 123 def 456'.findAll('[0-9]+')       | [123, 456]
          'a1b2c3'.findAll('[0-9]', 2)              | [1, 2]
          quantity('1.5Gi').isGreaterThan(quantity('1Gi')) | true
          quantity('500m').isLessThan(quantity('1'))       | true
          quantity('1') == quantity('1000m')               | true
          quantity('2k').asInteger()                       | 2000
          quantity('1E').asInteger()                       | 1000000000000000000
          quantity('1e3').asInteger()                      | 1000
          quantity('50M').asApproximateFloat()             | 5.0E7
          quantity('-1').sign()                            | -1
          quantity('1.5').isInteger()                      | false
          quantity('1Ki').add(quantity('1Ki')) == quantity('2Ki') | true
          quantity('10').sub(3) == quantity('7')           | true
          quantity('1Mi').compareTo(quantity('1M'))        | 1
          isQuantity('1.5Gi')                              | true
          isQuantity('1.5GiB')                             | false
          isQuantity('Gi')                                 | false
          isIP('192.168.0.1')                              | true
          isIP('192.168.0.01')                             | false
          isIP('::ffff:1.2.3.4')                           | false
          isIP('fe80::1%eth0')                             | false
          isIP('example.com')                              | false
          ip('10.0.0.1').family()                          | 4
          ip('2001:db8::1').family()                       | 6
          ip('127.0.0.1').isLoopback()                     | true
          ip('0.0.0.0').isUnspecified()                    | true
          ip('169.254.1.1').isLinkLocalUnicast()           | true
          ip('224.0.0.1').isLinkLocalMulticast()           | true
          ip('8.8.8.8').isGlobalUnicast()                  | true
          ip('255.255.255.255').isGlobalUnicast()          | false
          ip.isCanonical('2001:db8::1')                    | true
          ip.isCanonical('2001:DB8::1')                    | false
          ip.isCanonical('2001:db8:0:0:0:0:0:1')           | false
          string(ip('2001:DB8:0:0:0:0:0:1'))               | 2001:db8::1
          cidr('10.0.0.0/8').containsIP(ip('10.1.2.3'))    | true
          cidr('10.0.0.0/8').containsIP('11.1.2.3')        | false
          cidr('10.0.0.0/8').containsCIDR('10.1.0.0/16')   | true
          cidr('10.1.0.0/16').containsCIDR('10.0.0.0/8')   | false
          cidr('192.168.1.5/24').masked() == cidr('192.168.1.0/24') | true
          string(cidr('192.168.1.5/24').ip())              | 192.168.1.5
          cidr('2001:db8::/32').prefixLength()             | 32
          isCIDR('10.0.0.0/33')                            | false
          isCIDR('::/0')                                   | true
          url('https://user@example.com:8443/a%20b?x=1&x=2&y').getScheme()   | https
          url('https://user@example.com:8443/a%20b?x=1&x=2&y').getHost()     | example.com:8443
          url('https://example.com:8443/a').getHostname()  | example.com
          url('https://[::1]:80/').getHostname()           | ::1
          url('https://[::1]:80/').getHost()               | [::1]:80
          url('https://example.com/').getPort()            | ''
          url('https://example.com/a%20b').getEscapedPath()| /a%20b
          url('https://example.com/?x=1&x=2&y').getQuery()['x'] | [1, 2]
          url('/absolute/path').getEscapedPath()           | /absolute/path
          isURL('https://example.com')                     | true
          isURL('relative/path')                           | false
          isSemver('1.2.3-rc.1+build.5')                   | true
          isSemver('v1.2')                                 | false
          isSemver('v1.2', true)                           | true
          isSemver('01.2.3')                               | false
          semver('1.2.3').major()                          | 1
          semver('v01.2', true).minor()                    | 2
          semver('1.2.3').isLessThan(semver('1.10.0'))     | true
          semver('1.0.0-rc.1').isLessThan(semver('1.0.0')) | true
          semver('1.0.0-alpha.10').isGreaterThan(semver('1.0.0-alpha.9')) | true
          semver('1.0.0+a').compareTo(semver('1.0.0+b'))   | 0
          format.dns1123Label().validate('my-name').hasValue()  | false
          format.dns1123Label().validate('My_Name').hasValue()  | true
          format.dns1123Subdomain().validate('a.b-c.d').hasValue() | false
          format.dns1035Label().validate('1abc').hasValue()     | true
          format.qualifiedName().validate('example.com/name').hasValue() | false
          format.labelValue().validate('').hasValue()           | false
          format.uuid().validate('123e4567-e89b-12d3-a456-426614174000').hasValue() | false
          format.date().validate('2024-02-30').hasValue()       | true
          format.named('dns1123Label').hasValue()               | true
          format.named('nope').hasValue()                       | false
          'hello'.charAt(1)                                | e
          'a,b'.split(',').join('-')                       | a-b
          ' x '.trim()                                     | x
          'AbC'.lowerAscii()                               | abc
          [1, 2].transformList(i, v, v * 2)                | [2, 4]
          [3, 4].all(i, v, i < v)                          | true
          [1, 2].first().hasValue()                        | true
          strings.quote('a').size()                        | 3
          sets.contains([1, 2, 3], [2, 3])                 | true
          sets.intersects([1], [2])                        | false
          {'a': 1}.?b.orValue(5)                           | 5
          """)
  void evaluates(String expression, String expected) throws Exception {
    Object result = eval(expression);
    String text = String.valueOf(result);
    assertThat(text).isEqualTo(expected.equals("''") ? "" : expected);
  }

  @ParameterizedTest(name = "{0} fails: {1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      textBlock =
          """
          [].min()                          | min() called on an empty list
          [].max()                          | max() called on an empty list
          quantity('1.5.5')                 | invalid quantity '1.5.5'
          quantity('1.5').asInteger()       | is not an integer
          quantity('100E').asInteger()      | overflows an int
          ip('300.0.0.1')                   | invalid IP address '300.0.0.1'
          cidr('10.0.0.0')                  | invalid CIDR '10.0.0.0'
          url('not a url')                  | invalid URL 'not a url'
          semver('1.2')                     | invalid semver '1.2'
          'abc'.find('[')                   | invalid regular expression '['
          [9223372036854775807, 1].sum()    | integer overflow
          """)
  void failsAtRuntime(String expression, String message) {
    assertThatThrownBy(() -> eval(expression))
        .isInstanceOf(CelEvaluationException.class)
        .hasMessageContaining(message);
  }

  /** string.format, with the CEL strings specification's own examples among the cases. */
  @ParameterizedTest(name = "{0} == {1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      textBlock =
          """
          "'%s'.format(['foo'])"                       | foo
          "'%s'.format([b'foo'])"                      | foo
          "'%d'.format([1])"                           | 1
          "'%d'.format([1u])"                          | 1
          "'%f'.format([1])"                           | 1.000000
          "'%f'.format([3.14])"                        | 3.140000
          "'%.1f'.format([3.14])"                      | 3.1
          "'%e'.format([1])"                           | 1.000000e+00
          "'%.1e'.format([-3.14])"                     | -3.1e+00
          "'%.3f'.format([123.4999])"                  | 123.500
          "'%.3f'.format([123.4994])"                  | 123.499
          "'%.0f'.format([2.5])"                       | 2
          "'%s'.format([3.14])"                        | 3.14
          "'%s'.format([2.0])"                         | 2
          "'%s'.format([null])"                        | null
          "'%s'.format([true])"                        | true
          "'%s'.format([[1, 'a', [2.5]]])"             | [1, a, [2.5]]
          "'%s'.format([{'b': 2, 'a': 1}])"            | {a: 1, b: 2}
          "'%x %X'.format([255, 255])"                 | ff FF
          "'%x'.format(['Hi'])"                        | 4869
          "'%x'.format([-255])"                        | -ff
          "'%o %b'.format([8, 5])"                     | 10 101
          "'%b'.format([true])"                        | 1
          "'%s'.format([duration('1.5s')])"            | 1.5s
          "'%s'.format([timestamp('2023-02-03T23:31:20Z')])" | 2023-02-03T23:31:20Z
          "'%f'.format([double('NaN')])"               | NaN
          "'%s'.format([-double('Infinity')])"         | -Infinity
          "'100%% of %s'.format(['pods'])"             | 100% of pods
          "'container %s has no limits'.format(['web'])" | container web has no limits
          """)
  void formatsAsTheStringsSpecificationSays(String expression, String expected) throws Exception {
    assertThat(eval(expression)).hasToString(expected);
  }

  @ParameterizedTest(name = "{0} fails with {1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      textBlock =
          """
          "'%s and %s'.format(['one'])"     | index 1 out of range
          "'%d'.format(['x'])"              | %d needs an int or uint, not string
          "'%q'.format([1])"                | unrecognized formatting clause '%q'
          "'%.2d'.format([1])"              | %d takes no precision
          "'%f'.format(['x'])"              | %f needs a number, not string
          "'50%'.format([])"                | at the end of the format string
          """)
  void formatErrors(String expression, String message) {
    assertThatThrownBy(() -> eval(expression))
        .isInstanceOf(CelEvaluationException.class)
        .hasMessageContaining(message);
  }

  @ParameterizedTest(name = "{0} does not compile")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      textBlock =
          """
          quantity(5)                       | found no matching overload for 'quantity'
          ip('1.2.3.4').isGreaterThan(1)    | found no matching overload
          ['a', 'b'].sum()                  | found no matching overload
          'abc'.unknownFunction()           | undeclared reference
          authorizer.group(1)               | found no matching overload for 'group'
          [1, 2].slice(0, 1)                | undeclared reference to 'slice'
          [[1]].flatten()                   | undeclared reference to 'flatten'
          'abc'.reverse()                   | undeclared reference to 'reverse'
          math.greatest(1, 2)               | undeclared reference to 'math'
          lists.range(3)                    | undeclared reference to 'lists'
          """)
  void rejectedAtCompileTime(String expression, String message) {
    assertThatThrownBy(() -> CEL.compile(expression).getAst())
        .isInstanceOf(CelValidationException.class)
        .hasMessageContaining(message);
  }
}
