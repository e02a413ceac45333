FROM quay.io/prometheus/node-exporter:v1.8.2
USER 65534
