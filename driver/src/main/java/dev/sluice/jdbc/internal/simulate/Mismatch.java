package dev.sluice.jdbc.internal.simulate;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/** Says why a replayed request found no answer: the request, the closest recorded one and what differs. */
final class Mismatch {
    private static final int SHOWN = 120;

    private Mismatch() {
    }

    static UnrecordedRequestException unrecorded(Path dir, String method, String url, Map<String, Object> matched,
                                                 List<Exchange> recorded) {
        StringBuilder message = new StringBuilder("replay: no recorded answer in ").append(dir).append(" for ")
                .append(method).append(' ').append(url);
        if (matched != null) {
            message.append(' ').append(shorten(Json.canonical(matched)));
        }
        Exchange closest = null;
        int best = Integer.MAX_VALUE;
        for (Exchange candidate : recorded) {
            int distance = distance(method, url, matched, candidate);
            if (distance < best) {
                best = distance;
                closest = candidate;
            }
        }
        if (closest == null) {
            return new UnrecordedRequestException(message.append("; the recording is empty").toString());
        }
        message.append("; closest recorded: ").append(closest.method()).append(' ').append(closest.url());
        if (!closest.method().equals(method)) {
            message.append(", which differs in the method");
        } else if (!closest.url().equals(url)) {
            message.append(", which differs in the URL");
        } else {
            message.append(", which differs in ").append(differences(closest.matched(), matched));
        }
        return new UnrecordedRequestException(message.toString());
    }

    private static int distance(String method, String url, Map<String, Object> matched, Exchange candidate) {
        int distance = candidate.method().equals(method) ? 0 : 1_000_000;
        if (!candidate.url().equals(url)) {
            distance += 10_000 - commonPrefix(candidate.url(), url);
        }
        Map<String, Object> other = candidate.matched();
        if (matched != null && other != null) {
            for (String field : other.keySet()) {
                if (!Objects.equals(Json.canonical(matched.get(field)), Json.canonical(other.get(field)))) {
                    distance += 10;
                }
            }
        } else if (matched != other) {
            distance += 100;
        }
        return distance;
    }

    private static String differences(Map<String, Object> recorded, Map<String, Object> sent) {
        if (recorded == null || sent == null) {
            return recorded == null ? "the body (none recorded)" : "the body (none sent)";
        }
        StringBuilder out = new StringBuilder();
        // fields only the request has do not stop a match; those the recording names must agree
        for (String field : new TreeSet<>(recorded.keySet())) {
            Object was = recorded.get(field);
            Object is = sent.get(field);
            if (!Objects.equals(Json.canonical(was), Json.canonical(is))) {
                out.append(out.length() == 0 ? "" : "; ").append(field).append(": recorded ")
                        .append(was == null ? "nothing" : shorten(Json.canonical(was))).append(", sent ")
                        .append(is == null ? "nothing" : shorten(Json.canonical(is)));
            }
        }
        return out.toString();
    }

    private static int commonPrefix(String a, String b) {
        int n = Math.min(a.length(), b.length());
        int i = 0;
        while (i < n && a.charAt(i) == b.charAt(i)) {
            i++;
        }
        return Math.min(i, 9_999);
    }

    private static String shorten(String text) {
        return text.length() <= SHOWN ? text : text.substring(0, SHOWN) + "...";
    }
}
