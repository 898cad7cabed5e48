package dev.sluice.jdbc.jobs;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The body of {@code run-now}: {@code job_parameters} for jobs with job-level parameters, or the legacy per-type
 * parameters ({@code notebook_params}, {@code jar_params}, {@code python_params}). Immutable; see {@link #builder}.
 */
public final class RunNow {
    private final long jobId;
    private final String idempotencyToken;
    private final Map<String, Object> parameters;

    private RunNow(long jobId, String idempotencyToken, Map<String, Object> parameters) {
        this.jobId = jobId;
        this.idempotencyToken = idempotencyToken;
        this.parameters = parameters;
    }

    public static Builder builder(long jobId) {
        return new Builder(jobId);
    }

    public long jobId() {
        return jobId;
    }

    public String idempotencyToken() {
        return idempotencyToken;
    }

    public Map<String, Object> body(String token) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("job_id", jobId);
        body.put("idempotency_token", Objects.requireNonNull(token, "token is null"));
        body.putAll(parameters);
        return body;
    }

    public static final class Builder {
        private final long jobId;
        private String idempotencyToken;
        private final Map<String, Object> parameters = new LinkedHashMap<>();

        private Builder(long jobId) {
            if (jobId <= 0) {
                throw new IllegalArgumentException("job id " + jobId + " is not positive");
            }
            this.jobId = jobId;
        }

        public Builder idempotencyToken(String token) {
            Objects.requireNonNull(token, "token is null");
            if (token.isEmpty() || token.length() > 64) {
                throw new IllegalArgumentException("idempotency token '" + token + "' must be 1 to 64 characters");
            }
            this.idempotencyToken = token;
            return this;
        }

        public Builder jobParameters(Map<String, String> values) {
            parameters.put("job_parameters", Map.copyOf(values));
            return this;
        }

        public Builder notebookParams(Map<String, String> values) {
            parameters.put("notebook_params", Map.copyOf(values));
            return this;
        }

        public Builder jarParams(List<String> values) {
            parameters.put("jar_params", List.copyOf(values));
            return this;
        }

        public Builder pythonParams(List<String> values) {
            parameters.put("python_params", List.copyOf(values));
            return this;
        }

        /** @throws IllegalArgumentException when job parameters are mixed with legacy ones (the server refuses it) */
        public RunNow build() {
            if (parameters.containsKey("job_parameters") && parameters.size() > 1) {
                throw new IllegalArgumentException("job " + jobId + ": job_parameters cannot be combined with "
                        + "the legacy parameters " + parameters.keySet());
            }
            return new RunNow(jobId, idempotencyToken, Map.copyOf(parameters));
        }
    }
}
