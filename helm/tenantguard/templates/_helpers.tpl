{{- define "tenantguard.name" -}}
{{- printf "%s-operator" .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "tenantguard.labels" -}}
app.kubernetes.io/name: tenantguard
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/component: operator
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{- define "tenantguard.selector" -}}
app.kubernetes.io/name: tenantguard
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}
