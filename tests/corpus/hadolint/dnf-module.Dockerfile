FROM rockylinux:9
RUN dnf module enable -y nodejs:20 && dnf install -y nodejs-20.11.1 && dnf clean all
USER 10001
