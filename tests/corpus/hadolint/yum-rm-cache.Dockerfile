FROM rockylinux:9
RUN yum install -y httpd-2.4.57 && rm -rf /var/cache/yum
USER 10001
